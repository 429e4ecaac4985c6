package org.assessor.batch;

import org.assessor.input.Problem;

/**
 * One assessment in a batch: where it came from (a fixture folder, or a line of a JSON Lines file) and its bytes, or
 * the problem that kept them from being read (then {@code evidence} is empty and the item is reported, not evaluated).
 */
public record BatchItem(long index, String source, int lineOffset, byte[] evidence, Problem unreadable) {
    BatchItem(long index, String source, int lineOffset, byte[] evidence) {
        this(index, source, lineOffset, evidence, null);
    }
}
