/** Supervision helpers: restarting crashed actors from a checkpoint of their last state. */
package org.swarmsense.agents.supervision;
