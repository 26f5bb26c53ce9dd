/**
 * Sensing missions: the validated {@link org.swarmsense.epos.sensing.mission.Mission} record, its
 * YAML/JSON reader (every error names the field path and value) and the drone-testbed cells file
 * ({@code type,id,x,y,z,value}, metres).
 */
package org.swarmsense.epos.sensing.mission;
