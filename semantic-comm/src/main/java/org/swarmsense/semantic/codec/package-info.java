/**
 * DCT effectiveness encoding: {@link org.swarmsense.semantic.codec.SemanticEncoder} turns an image
 * into self-contained packets ordered by a {@link org.swarmsense.semantic.codec.BandOrder} (zig-zag or
 * learned for a task), {@link org.swarmsense.semantic.codec.SemanticDecoder} rebuilds whatever
 * arrived by the deadline, and {@link org.swarmsense.semantic.codec.BandRanking} learns an order from
 * a task score. Plain Java, no native code.
 */
package org.swarmsense.semantic.codec;
