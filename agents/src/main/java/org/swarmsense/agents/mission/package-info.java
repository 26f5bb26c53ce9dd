/** The mission coordinator: candidate plans from the drones, decentralized I-EPOS rounds, dispatch, tracking and re-planning on demand drift. */
package org.swarmsense.agents.mission;
