package io.lumen.testkit.moonlight;

/**
 * How a client heals after losing a frame, as the capabilities it would give moonlight-common-c.
 *
 * @param decoderInvalidatesReferences the decoder can take reference frame invalidation (moonlight-common-c's
 *                                     CAPABILITY_REFERENCE_FRAME_INVALIDATION_*); in effect only when the host's
 *                                     DESCRIBE reply also holds {@value #RFI_ATTRIBUTE}
 * @param intraRefresh                 the client asks for intra refresh instead of IDRs ({@value #INTRA_REFRESH_ATTRIBUTE}
 *                                     1 in ANNOUNCE) and takes a frame of type 4 as the end of an IDR wait, which the
 *                                     stock client does not do
 */
public record HealingOptions(boolean decoderInvalidatesReferences, boolean intraRefresh) {

    /** The DESCRIBE attribute whose presence tells the client the host answers 0x0301. */
    public static final String RFI_ATTRIBUTE = "x-nv-video[0].refPicInvalidation";
    /** The ANNOUNCE attribute asking the host for intra refresh (Sunshine's extension). */
    public static final String INTRA_REFRESH_ATTRIBUTE = "x-ss-video[0].intraRefresh";

    /** A decoder without RFI that waits for IDRs: what most stock clients run with. */
    public static HealingOptions stock() {
        return new HealingOptions(false, false);
    }

    public HealingOptions withReferenceInvalidation() {
        return new HealingOptions(true, intraRefresh);
    }

    public HealingOptions withIntraRefresh() {
        return new HealingOptions(decoderInvalidatesReferences, true);
    }

    /** Whether invalidation is in effect with a host that replied {@code describe}: both sides must offer it. */
    public boolean referenceInvalidation(String describe) {
        return decoderInvalidatesReferences && describe != null && describe.contains(RFI_ATTRIBUTE);
    }

    /** The offer as this client announces it. */
    public StreamOffer announce(StreamOffer offer) {
        return intraRefresh ? offer.with(INTRA_REFRESH_ATTRIBUTE, "1") : offer;
    }
}
