/**
 * Channel models for packets sent before a deadline: {@link org.swarmsense.semantic.channel.ConstantRateChannel}
 * (no loss) and {@link org.swarmsense.semantic.channel.GilbertElliottChannel} (bursty erasure). A
 * deadline D on a channel of rate R delivers at most R x D bytes: packets go out in order, whole,
 * until the next one would end after the deadline. Seeded: the same seed gives the same losses.
 */
package org.swarmsense.semantic.channel;
