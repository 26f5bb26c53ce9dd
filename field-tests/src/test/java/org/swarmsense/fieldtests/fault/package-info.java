/** Fault injection: broker crashes, drone actor crashes, payload fuzzing, tenancy intrusions, malformed missions. */
package org.swarmsense.fieldtests.fault;
