/**
 * Map matching of GPS tracks onto a road graph (adapter over GraphHopper map matching: a hidden
 * Markov model over candidate road positions, solved with Viterbi).
 */
package org.swarmsense.maps.matching;
