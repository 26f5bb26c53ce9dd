/**
 * The abuse suite (issue 17): the probes of a hostile but fair tester against a running {@code
 * swarmsense serve} with two fleet accounts and against Mosquitto with the generated configuration,
 * each with the answer the gateway must give.
 */
package org.swarmsense.fieldtests.abuse;
