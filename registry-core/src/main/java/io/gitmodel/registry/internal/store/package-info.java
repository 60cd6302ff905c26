/** Reading and writing registry state in the Git object and ref databases: the write protocol lives here. */
package io.gitmodel.registry.internal.store;
