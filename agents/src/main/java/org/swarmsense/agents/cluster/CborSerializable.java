package org.swarmsense.agents.cluster;

/**
 * Marker for every message that may cross cluster nodes: Pekko serializes implementations with
 * Jackson CBOR (binding in agents/src/main/resources/reference.conf). Implementations are records of
 * plain values (numbers, strings, arrays, lists, actor refs).
 */
public interface CborSerializable {}
