/**
 * Vehicle trajectories and where they come from: streaming readers for SUMO FCD, pNEUMA-style CSV
 * and GPX files, 1 Hz resampling, and vehicle-seconds per (cell, slot) for the sensing goal.
 */
package org.swarmsense.maps.traffic;
