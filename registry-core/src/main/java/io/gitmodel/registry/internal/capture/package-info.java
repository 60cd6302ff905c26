/** Automatic capture of lineage at registration time: source code and environment. */
package io.gitmodel.registry.internal.capture;
