/** Implementation of the registry; nothing here is public API and it may change in any release. */
package io.gitmodel.registry.internal;
