/**
 * Detection that survives adversarial patches (issue 20, spec section 3): the attacks made here
 * ({@link org.swarmsense.edge.patch.RandomSearchPatch}, a file patch from the gradient script, the
 * random-noise control in {@link org.swarmsense.edge.patch.Patches}), our gradient-free defence
 * ({@link org.swarmsense.edge.patch.ImportanceDefence}: importance at a shallow stage boundary,
 * anomalous windows, occlude and re-run the later stages only, key frames on video), the
 * ObjectSeeker-style masking baseline ({@link org.swarmsense.edge.patch.ObjectSeeker}) and the
 * benchmark ({@link org.swarmsense.edge.patch.PatchBench}). Plain Java over the {@code runtime}
 * backend and the serving engine's stage split.
 */
package org.swarmsense.edge.patch;
