/** Fixed traffic sensors: traffic sources, sampling schedules and the Sensor actor. */
package org.swarmsense.agents.sensor;
