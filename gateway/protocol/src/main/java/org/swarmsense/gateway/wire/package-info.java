/**
 * The swarmsense wire format: the MQTT topic tree ({@code swarmsense/{fleet}/{kind}/{id}/...}) and
 * the versioned JSON payloads with SI units in their field names, each a record validated on entry.
 */
package org.swarmsense.gateway.wire;
