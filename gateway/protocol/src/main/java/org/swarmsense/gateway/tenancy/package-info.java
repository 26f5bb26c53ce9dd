/**
 * Tenancy: the fleet registry (accounts with PBKDF2 password hashes, each bound to one fleet or, for
 * the gateway, to all), and the broker configuration generated from it so that a fleet can publish
 * and subscribe only under {@code swarmsense/{fleet}/#}: a Mosquitto password file and ACL file, and
 * the same rule for the embedded HiveMQ broker.
 */
package org.swarmsense.gateway.tenancy;
