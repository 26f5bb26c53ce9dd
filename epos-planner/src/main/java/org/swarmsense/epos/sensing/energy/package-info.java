/**
 * The rotorcraft energy model (after Stolaroff et al. 2018): drone parameters in SI units, hover and
 * forward-flight power in watts, and a sanity check that rejects physically absurd parameter sets.
 */
package org.swarmsense.epos.sensing.energy;
