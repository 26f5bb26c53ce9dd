/**
 * Deadline-aware serving of staged models on one accelerator (issue 13, spec section 1).
 *
 * <p>Reading order: a model is a chain of {@link org.swarmsense.edge.serving.Stage}s ({@link
 * org.swarmsense.edge.serving.StagedModel}; {@link org.swarmsense.edge.serving.FashionExitModels}
 * loads the multi-exit CNN trained here, {@link org.swarmsense.edge.serving.DetectorStages} splits a
 * detector); {@link org.swarmsense.edge.serving.LatencyTable} measures every stage per batch size;
 * {@link org.swarmsense.edge.serving.ExitAwareScheduler} (ours) and the baselines {@link
 * org.swarmsense.edge.serving.FifoScheduler} and {@link org.swarmsense.edge.serving.DynamicBatcher}
 * serve a trace of {@link org.swarmsense.edge.serving.Request}s from {@link
 * org.swarmsense.edge.serving.LoadGenerator}; {@link org.swarmsense.edge.serving.ModelRegistry}
 * picks variants; {@link org.swarmsense.edge.serving.EdgeBench} prints the figures.
 */
package org.swarmsense.edge.serving;
