/**
 * What {@code serve} keeps across restarts (issue 18): the fleets' HTTP tokens (as digests), their
 * fences, their audit log, their devices' last status and observation ({@link
 * org.swarmsense.gateway.persistence.FleetDeviceState}) and their commands not yet answered ({@link
 * org.swarmsense.gateway.persistence.PendingCommands}), event-sourced with Pekko Persistence in a JDBC journal
 * with snapshots: an H2 file database in the data directory by default, PostgreSQL with a JDBC URL.
 *
 * <p>Each piece of state is an entity of an {@link org.swarmsense.gateway.persistence.EntityKind}
 * with persistence id {@code <kind>|<key>} (e.g. {@code fleet-fences|fleet-a}). Its state is a
 * plain-Java record ({@link org.swarmsense.gateway.persistence.EntityState}) whose {@code apply(event)}
 * is the only place the state changes; {@link org.swarmsense.gateway.persistence.StateEntity} is the
 * thin actor shell that persists events and snapshots, and {@link
 * org.swarmsense.gateway.persistence.GatewayStore} is what the rest of the gateway calls. Device
 * entities ({@code device|fleet/kind/id}) and missions ({@code mission|fleet/id}) are added the same
 * way: a state record, its event record(s), one {@code EntityKind} constant.
 *
 * <p>Nodes of one cluster given one JDBC database run every state as a sharded entity (entity id =
 * persistence id; {@link org.swarmsense.gateway.persistence.JournalBackend}): one writer per id in the
 * cluster, read by every node; one node keeps them as its own actors.
 */
package org.swarmsense.gateway.persistence;
