/** Git configuration and identity, read the way the git command reads them. */
package io.gitmodel.registry.internal.config;
