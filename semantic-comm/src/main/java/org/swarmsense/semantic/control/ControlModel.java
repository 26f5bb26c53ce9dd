package org.swarmsense.semantic.control;

import java.util.List;

/**
 * Every parameter of the sampling-rate and offloading control model (spec part B, Wu et al. IEEE
 * TII 2021). {@link #fromSettings()} gives the values of semantic-comm's reference.conf (the
 * paper's); the {@code with...} methods give the sweeps
 * (bandwidth, edge CPU). Immutable and thread-safe.
 *
 * @param services the services, devices numbered service by service (service 0 first)
 * @param samplingAccuracy g(k) for sampling level k = 1..K (index k-1), rate theta_k = k/K
 * @param deviceModelAccuracy h of the compressed on-device model (paper 0.8)
 * @param edgeModelAccuracy h of the full edge model (paper 1.0)
 * @param arrivalMeanMin lower bound of a device's mean task arrivals per slot (paper 0.6)
 * @param arrivalMeanMax upper bound of a device's mean task arrivals per slot (paper 1.0)
 * @param arrivalHalfWidth tasks per slot are U(mean - w, mean + w), w = this (paper 0.5)
 * @param deviceCpuHz f_n, CPU of a device (paper 0.1 GHz)
 * @param edgeCpuHz f_b, CPU of the edge node shared by the services (paper 2 GHz)
 * @param bandwidthHz W, uplink bandwidth shared equally by all devices (paper 20 MHz)
 * @param txPowerDbm P, device transmit power (paper 20 dBm)
 * @param noiseDensityDbmPerHz N_0 (paper -174 dBm/Hz)
 * @param noiseFigureDb N_f (paper 5 dB)
 * @param channel the per-device Markov channel
 * @param localQueueCapBits a device's queue capacity (paper 3.84 Mbit)
 * @param edgeQueueCapBits a service's edge queue capacity (paper 19.2 Mbit)
 * @param overflowPenaltyS w_p, cost of one queue overflow in seconds of delay (paper 1)
 * @param lyapunovWeight V, weight of delay against the virtual queues (paper 0.05)
 * @param slotS tau, slot length in seconds (paper 1)
 */
public record ControlModel(
    List<ServiceProfile> services,
    List<Double> samplingAccuracy,
    double deviceModelAccuracy,
    double edgeModelAccuracy,
    double arrivalMeanMin,
    double arrivalMeanMax,
    double arrivalHalfWidth,
    double deviceCpuHz,
    double edgeCpuHz,
    double bandwidthHz,
    double txPowerDbm,
    double noiseDensityDbmPerHz,
    double noiseFigureDb,
    MarkovChannel channel,
    double localQueueCapBits,
    double edgeQueueCapBits,
    double overflowPenaltyS,
    double lyapunovWeight,
    double slotS) {

  /** Validates every field; the message names the field and the value. */
  public ControlModel {
    services = List.copyOf(services);
    samplingAccuracy = List.copyOf(samplingAccuracy);
    if (services.isEmpty()) {
      throw new IllegalArgumentException("services must not be empty");
    }
    if (samplingAccuracy.isEmpty()) {
      throw new IllegalArgumentException("samplingAccuracy must have one entry per level, got none");
    }
    for (double g : samplingAccuracy) {
      requireUnit("samplingAccuracy", g);
    }
    requireUnit("deviceModelAccuracy", deviceModelAccuracy);
    requireUnit("edgeModelAccuracy", edgeModelAccuracy);
    if (!(arrivalMeanMin >= 0 && arrivalMeanMax >= arrivalMeanMin)) {
      throw new IllegalArgumentException("need 0 <= arrivalMeanMin <= arrivalMeanMax, got: "
          + arrivalMeanMin + ", " + arrivalMeanMax);
    }
    if (!(arrivalHalfWidth >= 0 && arrivalHalfWidth <= arrivalMeanMin)) {
      throw new IllegalArgumentException("arrivalHalfWidth must be in [0, arrivalMeanMin], got: " + arrivalHalfWidth);
    }
    ServiceProfile.requirePositive("deviceCpuHz", deviceCpuHz);
    ServiceProfile.requirePositive("edgeCpuHz", edgeCpuHz);
    ServiceProfile.requirePositive("bandwidthHz", bandwidthHz);
    requireFinite("txPowerDbm", txPowerDbm);
    requireFinite("noiseDensityDbmPerHz", noiseDensityDbmPerHz);
    requireFinite("noiseFigureDb", noiseFigureDb);
    if (channel == null) {
      throw new IllegalArgumentException("channel must not be null");
    }
    ServiceProfile.requirePositive("localQueueCapBits", localQueueCapBits);
    ServiceProfile.requirePositive("edgeQueueCapBits", edgeQueueCapBits);
    if (!(overflowPenaltyS >= 0) || Double.isInfinite(overflowPenaltyS)) {
      throw new IllegalArgumentException("overflowPenaltyS must be a finite number >= 0, got: " + overflowPenaltyS);
    }
    ServiceProfile.requirePositive("lyapunovWeight", lyapunovWeight);
    ServiceProfile.requirePositive("slotS", slotS);
  }

  /**
   * The model of this process's settings: semantic-comm's reference.conf {@code control.model}
   * holds the paper's values (2 services x 5 devices, W = 20 MHz, f_b = 2 GHz, the README's channel).
   */
  public static ControlModel fromSettings() {
    return org.swarmsense.semantic.SemanticCommSettings.current().controlModel();
  }

  /** This model with another uplink bandwidth W. */
  public ControlModel withBandwidthHz(double hz) {
    return new ControlModel(services, samplingAccuracy, deviceModelAccuracy, edgeModelAccuracy, arrivalMeanMin,
        arrivalMeanMax, arrivalHalfWidth, deviceCpuHz, edgeCpuHz, hz, txPowerDbm, noiseDensityDbmPerHz,
        noiseFigureDb, channel, localQueueCapBits, edgeQueueCapBits, overflowPenaltyS, lyapunovWeight, slotS);
  }

  /** This model with another edge CPU f_b. */
  public ControlModel withEdgeCpuHz(double hz) {
    return new ControlModel(services, samplingAccuracy, deviceModelAccuracy, edgeModelAccuracy, arrivalMeanMin,
        arrivalMeanMax, arrivalHalfWidth, deviceCpuHz, hz, bandwidthHz, txPowerDbm, noiseDensityDbmPerHz,
        noiseFigureDb, channel, localQueueCapBits, edgeQueueCapBits, overflowPenaltyS, lyapunovWeight, slotS);
  }

  /** This model with another weight V of delay against the virtual queues. */
  public ControlModel withLyapunovWeight(double v) {
    return new ControlModel(services, samplingAccuracy, deviceModelAccuracy, edgeModelAccuracy, arrivalMeanMin,
        arrivalMeanMax, arrivalHalfWidth, deviceCpuHz, edgeCpuHz, bandwidthHz, txPowerDbm, noiseDensityDbmPerHz,
        noiseFigureDb, channel, localQueueCapBits, edgeQueueCapBits, overflowPenaltyS, v, slotS);
  }

  /** This model with another overflow penalty w_p (0: an overflow costs no delay in the reward). */
  public ControlModel withOverflowPenaltyS(double s) {
    return new ControlModel(services, samplingAccuracy, deviceModelAccuracy, edgeModelAccuracy, arrivalMeanMin,
        arrivalMeanMax, arrivalHalfWidth, deviceCpuHz, edgeCpuHz, bandwidthHz, txPowerDbm, noiseDensityDbmPerHz,
        noiseFigureDb, channel, localQueueCapBits, edgeQueueCapBits, s, lyapunovWeight, slotS);
  }

  /** Sampling levels K (level k samples k/K of the raw rate). */
  public int levels() {
    return samplingAccuracy.size();
  }

  /** Services M. */
  public int serviceCount() {
    return services.size();
  }

  /** Devices N, all services together. */
  public int deviceCount() {
    return services.stream().mapToInt(ServiceProfile::devices).sum();
  }

  /** The service of every device, in device order. */
  public int[] serviceOfDevice() {
    int[] out = new int[deviceCount()];
    int n = 0;
    for (int m = 0; m < services.size(); m++) {
      for (int i = 0; i < services.get(m).devices(); i++) {
        out[n++] = m;
      }
    }
    return out;
  }

  /**
   * Uplink rate R = (W/N) log2(1 + P G / (N_f sigma^2)), sigma^2 = N_0 W / N, of a device whose
   * channel is in {@code state}, in bit/s.
   */
  public double uplinkRateBps(int state) {
    double share = bandwidthHz / deviceCount();
    double noiseMw = Math.pow(10, (noiseDensityDbmPerHz + noiseFigureDb) / 10) * share;
    double powerMw = Math.pow(10, txPowerDbm / 10);
    return share * Math.log(1 + powerMw * channel.gains().get(state) / noiseMw) / Math.log(2);
  }

  private static void requireUnit(String field, double v) {
    if (!(v > 0 && v <= 1)) {
      throw new IllegalArgumentException(field + " must be in (0, 1], got: " + v);
    }
  }

  private static void requireFinite(String field, double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException(field + " must be finite, got: " + v);
    }
  }
}
