/** The typed settings of the agents module, read once from reference.conf / application.conf. */
package org.swarmsense.agents.settings;
