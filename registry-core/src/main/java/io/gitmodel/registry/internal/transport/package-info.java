/**
 * The wire: fetching refs from a remote, moving artifact objects to and from a remote's LFS store
 * (a local path, or a Git LFS server through the batch API over HTTP), each byte verified against
 * its sha256, and credentials as git finds them. Knows nothing of stages or numbering; the order
 * of a push or pull is {@code internal.sync}'s.
 */
package io.gitmodel.registry.internal.transport;
