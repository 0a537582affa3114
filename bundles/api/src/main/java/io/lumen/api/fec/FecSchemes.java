package io.lumen.api.fec;

/**
 * The codes a stream can be protected with, by the {@value #ID_PROPERTY} service property each {@link FecCodec}
 * registers with (also its {@link FecCodec#id()}).
 */
public final class FecSchemes {

    /** The service property naming a codec's scheme. */
    public static final String ID_PROPERTY = "fec.id";
    /** GF(2^8) Cauchy Reed-Solomon as Moonlight clients decode it: the video of every stock client. */
    public static final String RS8_MOONLIGHT = "rs8-moonlight";
    /** The 4+2 GF(2^8) code of Moonlight's audio stream. */
    public static final String RS8_MOONLIGHT_AUDIO = "rs8-moonlight-audio";
    /** GF(2^16) Leopard-RS: one block per frame of any size, lumen's stream extension. */
    public static final String LEOPARD16 = "leopard16";

    private FecSchemes() {
    }
}
