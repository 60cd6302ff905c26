/** Reading registries made by other tools (GTO's Git tags and artifacts.yaml), for import. */
package io.gitmodel.registry.internal.migrate;
