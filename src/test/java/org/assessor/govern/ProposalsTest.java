package org.assessor.govern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.assessor.TestSupport;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proposals in a git repository made as a user's clone is (JGit, no git command): a proposal is a commit on its own
 * branch by its author that touches only the files proposed; its author cannot approve it; another approves it into
 * the checked-out branch with a merge commit in their name and the working tree follows; a rejection needs a reason;
 * nothing is proposed or approved over uncommitted rules.
 */
class ProposalsTest {
    static final Person ANA = new Person("ana", "Ana Analyst", "ana@example.org", Role.ANALYST);
    static final Person BEN = new Person("ben", "Ben Approver", "ben@example.org", Role.APPROVER);

    private static String register(Path repo) throws Exception {
        return Files.readString(repo.resolve("rules/policy/register.csv"));
    }

    @Test
    void aProposalIsACommitOnItsOwnBranchAndAnotherPersonsApprovalMergesIt(@TempDir Path tmp) throws Exception {
        Path repo = TestSupport.gitRepository(tmp.resolve("clone"));
        String before = register(repo);
        String changed = before.replace("band.good.from,rating:good,cut-off,62.5,", "band.good.from,rating:good,cut-off,65,");
        assertThat(changed).isNotEqualTo(before);
        try (Proposals proposals = Proposals.open(repo.resolve("rules")).orElseThrow()) {
            assertThat(proposals.rulesPath()).isEqualTo("rules");
            var p = proposals.propose(ANA, "Raise the Good cut-off\n\nThe board asked for it.",
                    Map.of("policy/register.csv", changed), "8 changed");
            assertThat(p.number()).isEqualTo(1);
            assertThat(p.branch()).isEqualTo("proposals/1-raise-the-good-cut-off");
            assertThat(p.state()).isEqualTo(Proposals.State.OPEN);
            assertThat(p.authorIdent()).isEqualTo("Ana Analyst <ana@example.org>");
            assertThat(p.reason()).contains("The board asked for it.");
            assertThat(proposals.diff(p)).contains("-band.good.from,rating:good,cut-off,62.5,")
                    .contains("+band.good.from,rating:good,cut-off,65,").doesNotContain("fixtures/");
            assertThat(register(repo)).as("the working tree is untouched until approval").isEqualTo(before);

            assertThatThrownBy(() -> proposals.approve(ANA, 1)).isInstanceOf(Proposals.Refused.class)
                    .hasMessageContaining("approved by someone other than its author");
            String merge = proposals.approve(BEN, 1);
            assertThat(register(repo)).isEqualTo(changed);
            try (Git git = Git.open(repo.toFile())) {
                RevCommit head = git.log().setMaxCount(1).call().iterator().next();
                assertThat(head.name()).isEqualTo(merge);
                assertThat(head.getParentCount()).isEqualTo(2);
                assertThat(head.getAuthorIdent().getName()).isEqualTo("Ben Approver");
                assertThat(head.getFullMessage()).contains("Approved-by: Ben Approver <ben@example.org>")
                        .contains("Proposal: 1");
                assertThat(git.status().call().isClean()).as("index and working tree follow the merge").isTrue();
            }
            assertThat(proposals.get(1).orElseThrow().state()).isEqualTo(Proposals.State.APPROVED);
            assertThat(proposals.get(1).orElseThrow().decidedBy()).isEqualTo("Ben Approver <ben@example.org>");
            var provenance = proposals.provenance();
            assertThat(provenance.proposal()).isEqualTo(1);
            assertThat(provenance.clean()).isTrue();
            assertThatThrownBy(() -> proposals.approve(BEN, 1)).hasMessageContaining("already approved");
        }
    }

    @Test
    void aRejectionNeedsAReasonAndIsRecordedOnTheBranch(@TempDir Path tmp) throws Exception {
        Path repo = TestSupport.gitRepository(tmp.resolve("clone"));
        String changed = register(repo).replace("Assessor policy team", "Policy team");
        try (Proposals proposals = Proposals.open(repo.resolve("rules")).orElseThrow()) {
            proposals.propose(ANA, "Rename the owner", Map.of("policy/register.csv", changed), "");
            assertThatThrownBy(() -> proposals.reject(BEN, 1, " ")).hasMessageContaining("expected a reason");
            proposals.reject(BEN, 1, "Owners are named by the board.");
            var p = proposals.get(1).orElseThrow();
            assertThat(p.state()).isEqualTo(Proposals.State.REJECTED);
            assertThat(p.decidedBy()).isEqualTo("Ben Approver <ben@example.org>");
            assertThat(p.decision()).isEqualTo("Owners are named by the board.");
            assertThatThrownBy(() -> proposals.approve(BEN, 1)).hasMessageContaining("already rejected");
            assertThat(proposals.provenance().proposal()).isNull();
        }
    }

    @Test
    void nothingIsProposedOrApprovedOverUncommittedRulesAndAConflictIsRefused(@TempDir Path tmp) throws Exception {
        Path repo = TestSupport.gitRepository(tmp.resolve("clone"));
        String original = register(repo);
        try (Proposals proposals = Proposals.open(repo.resolve("rules")).orElseThrow()) {
            proposals.propose(ANA, "First", Map.of("policy/register.csv", original.replace(",62.5,", ",64,")), "");
            proposals.propose(ANA, "Second", Map.of("policy/register.csv", original.replace(",62.5,", ",66,")), "");
            Files.writeString(repo.resolve("rules/policy/register.csv"), original + "\n");
            assertThat(proposals.provenance().uncommitted()).containsExactly("rules/policy/register.csv");
            assertThatThrownBy(() -> proposals.propose(ANA, "Third", Map.of("policy/register.csv", original), ""))
                    .hasMessageContaining("uncommitted changes (rules/policy/register.csv)");
            assertThatThrownBy(() -> proposals.approve(BEN, 1)).hasMessageContaining("uncommitted changes");
            Files.writeString(repo.resolve("rules/policy/register.csv"), original);
            proposals.approve(BEN, 1);
            assertThatThrownBy(() -> proposals.approve(BEN, 2)).hasMessageContaining("the same lines were changed");
            assertThat(register(repo)).contains("band.good.from,rating:good,cut-off,64,");
            assertThatThrownBy(() -> proposals.propose(ANA, "Outside", Map.of("../pom.xml", "x"), ""))
                    .hasMessageContaining("expected a file inside the rules folder");
            assertThatThrownBy(() -> proposals.propose(ANA, "  ", Map.of("policy/register.csv", original), ""))
                    .hasMessageContaining("expected a reason");
        }
        assertThat(Proposals.open(tmp.resolve("elsewhere").resolve("rules"))).as("outside any repository").isEmpty();
    }

    @Test
    void aProposalWhoseChangeWasMadeSinceIsRefusedRatherThanMergedAsNothing(@TempDir Path tmp) throws Exception {
        Path repo = TestSupport.gitRepository(tmp.resolve("clone"));
        String original = register(repo);
        Person cy = new Person("cy", "Cy Analyst", "cy@example.org", Role.ANALYST);
        try (Proposals proposals = Proposals.open(repo.resolve("rules")).orElseThrow()) {
            proposals.propose(ANA, "Raise good to 65", Map.of("policy/register.csv", original.replace(",62.5,", ",65,")), "");
            proposals.propose(cy, "Also raise good to 65", Map.of("policy/register.csv", original.replace(",62.5,", ",65,")), "");
            proposals.approve(BEN, 2);
            String after = register(repo);
            assertThatThrownBy(() -> proposals.approve(BEN, 1)).hasMessageContaining("proposal 1 would change nothing: the "
                    + "rules as they stand already hold its change");
            assertThat(register(repo)).isEqualTo(after).contains("band.good.from,rating:good,cut-off,65,");
        }
    }
}
