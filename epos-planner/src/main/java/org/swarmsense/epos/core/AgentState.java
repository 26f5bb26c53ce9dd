package org.swarmsense.epos.core;

/**
 * Everything one agent remembers between I-EPOS steps (spec "One iteration"). Created by {@link
 * AgentStep#initial} and replaced, never modified, by each step; the arrays are shared between
 * successive states and must be treated as read-only. Thread-safe if so.
 *
 * @param agentId the agent's id
 * @param childCount number of children on the current tree
 * @param upSteps iterations whose bottom-up step this agent has done
 * @param selected selected plan index s (-1 before the first step)
 * @param prevSelected previous selection s' (-1 before the second step)
 * @param childResponses r_c: the approved responses of the children, back to back (childCount x d)
 * @param childLocalCost local-cost sums of the children's approved responses
 * @param childSquaredLocalCost local-cost square sums of the children's approved responses
 * @param prevChildResponses r_c' (childCount x d)
 * @param prevChildLocalCost previous local-cost sums per child
 * @param prevChildSquaredLocalCost previous local-cost square sums per child
 * @param approvedMask bit c set when child c was approved in the last bottom-up step
 * @param subtreeSize agents in this agent's subtree (0 before the first step)
 * @param response a + s, the subtree response sent up (length d)
 * @param responseLocalCost local-cost sum of the subtree
 * @param responseSquaredLocalCost local-cost square sum of the subtree
 * @param prevResponse previous a' + s' (zeros before the second step)
 * @param prevResponseLocalCost previous local-cost sum of the subtree
 * @param prevResponseSquaredLocalCost previous local-cost square sum of the subtree
 * @param global the last global response g (zeros before the first top-down step)
 * @param globalLocalCost the last global local-cost sum
 * @param globalSquaredLocalCost the last global local-cost square sum
 * @param numAgents N from the last top-down step (0 before it)
 * @param rngState the agent's tie-breaking generator state
 */
public record AgentState(
    int agentId,
    int childCount,
    int upSteps,
    int selected,
    int prevSelected,
    double[] childResponses,
    double[] childLocalCost,
    double[] childSquaredLocalCost,
    double[] prevChildResponses,
    double[] prevChildLocalCost,
    double[] prevChildSquaredLocalCost,
    int approvedMask,
    int subtreeSize,
    double[] response,
    double responseLocalCost,
    double responseSquaredLocalCost,
    double[] prevResponse,
    double prevResponseLocalCost,
    double prevResponseSquaredLocalCost,
    double[] global,
    double globalLocalCost,
    double globalSquaredLocalCost,
    int numAgents,
    long rngState) {}
