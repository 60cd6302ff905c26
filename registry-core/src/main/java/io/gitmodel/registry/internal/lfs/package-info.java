/** The Git LFS side of the registry: pointer files and the content-addressed local object store. */
package io.gitmodel.registry.internal.lfs;
