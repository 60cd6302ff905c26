package io.gitmodel.registry.internal.index;

import org.eclipse.jgit.lib.ObjectId;

/**
 * One version in the index: its number, its registration commit (what the tag points at) and
 * where its parsed model.yaml is in the document store, if it was stored yet.
 *
 * @param docOffset where the document starts in the store, or -1 if it is not stored yet
 * @param docLength the document's length in bytes
 * @param docCrc    the CRC-32 of the document's bytes, checked on every read
 */
record VersionEntry(int number, ObjectId commit, long docOffset, int docLength, int docCrc) {
    static VersionEntry withoutDoc(int number, ObjectId commit) {
        return new VersionEntry(number, commit.copy(), -1, 0, 0);
    }

    boolean hasDoc() {
        return docOffset >= 0;
    }
}
