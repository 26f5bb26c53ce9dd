/** Decentralized I-EPOS: one planning agent actor per drone, driven by the core step API, with rounds, timeouts and the fault rule. */
package org.swarmsense.agents.planning;
