package org.assessor.evidence;

import java.util.List;
import java.util.Map;
import org.assessor.facts.Assessment;

/**
 * A fixture read and checked: the assessment, its evidence items by id (with their quotes), the statements in
 * scope in framework order, the facts to insert into a session, a digest of the file's bytes, and any register values
 * changed in memory for this evaluation (a what-if).
 */
public record LoadedAssessment(String file, String digest, Assessment assessment, List<String> statementsInScope,
                               List<String> keyQuestionsInScope, Map<String, EvidenceFile.Item> items,
                               EvidenceFile.Envelope envelope, List<Object> facts, List<String> policyChanges) {}
