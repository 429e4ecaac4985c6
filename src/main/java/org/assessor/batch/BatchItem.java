package org.assessor.batch;

/** One assessment in a batch: where it came from (a fixture folder, or a line of a JSON Lines file) and its bytes. */
public record BatchItem(long index, String source, int lineOffset, byte[] evidence) {}
