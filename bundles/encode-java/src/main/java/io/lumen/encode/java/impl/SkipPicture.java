package io.lumen.encode.java.impl;

import org.jcodec.codecs.h264.H264Utils;
import org.jcodec.codecs.h264.io.model.NALUnit;
import org.jcodec.codecs.h264.io.model.NALUnitType;
import org.jcodec.codecs.h264.io.model.PictureParameterSet;
import org.jcodec.codecs.h264.io.model.SeqParameterSet;
import org.jcodec.codecs.h264.io.model.SliceHeader;
import org.jcodec.codecs.h264.io.model.SliceType;
import org.jcodec.codecs.h264.io.write.CAVLCWriter;
import org.jcodec.codecs.h264.io.write.SliceHeaderWriter;
import org.jcodec.common.io.BitWriter;

import java.nio.ByteBuffer;

/**
 * A P picture whose every macroblock is skipped: the decoder shows its reference again, for a few bytes and no
 * encoding work. Skipped macroblocks next to skipped ones predict a zero motion vector and carry no residual, and
 * the deblocking filter leaves their edges alone, so the picture equals its reference bit for bit; it is sent as a
 * reference picture, which keeps the encoder's own reference valid for the P picture that follows. The slice is
 * written against the SPS and PPS of the IDR it follows (read back from that IDR's bytes), so it matches what the
 * decoder was told.
 */
final class SkipPicture {

    /** Like the encoder's own pictures; any non-zero value makes it a reference. */
    private static final int NAL_REF_IDC = 3;

    private final SeqParameterSet sps;
    private final PictureParameterSet pps;
    private final int macroblocks;
    private final int maxFrameNum;
    private final int maxPicOrderCntLsb;
    private final ByteBuffer rbsp = ByteBuffer.allocate(64);

    private SkipPicture(SeqParameterSet sps, PictureParameterSet pps) {
        this.sps = sps;
        this.pps = pps;
        this.macroblocks = (sps.picWidthInMbsMinus1 + 1) * SeqParameterSet.getPicHeightInMbs(sps);
        this.maxFrameNum = 1 << (sps.log2MaxFrameNumMinus4 + 4);
        this.maxPicOrderCntLsb = 1 << (sps.log2MaxPicOrderCntLsbMinus4 + 4);
    }

    /**
     * The skip picture for the stream that {@code idr} (an Annex-B IDR access unit with its SPS and PPS) starts.
     *
     * @throws IllegalArgumentException when the unit lacks either parameter set or they describe a stream the
     *                                  all-skip slice cannot be written for (CABAC, fields, POC other than type 0)
     */
    static SkipPicture after(ByteBuffer idr) {
        SeqParameterSet sps = null;
        PictureParameterSet pps = null;
        for (ByteBuffer nal : H264Utils.splitFrame(idr.duplicate())) {
            NALUnit header = NALUnit.read(nal);
            if (header.type == NALUnitType.SPS) {
                sps = H264Utils.readSPS(nal);
            } else if (header.type == NALUnitType.PPS) {
                pps = H264Utils.readPPS(nal);
            }
        }
        if (sps == null || pps == null) {
            throw new IllegalArgumentException("the IDR carries no " + (sps == null ? "SPS" : "PPS"));
        }
        if (pps.entropyCodingModeFlag || !sps.frameMbsOnlyFlag || sps.picOrderCntType != 0) {
            throw new IllegalArgumentException("no skip picture for CABAC, field or POC type " + sps.picOrderCntType
                    + " streams");
        }
        return new SkipPicture(sps, pps);
    }

    /**
     * Writes the skip picture as an Annex-B access unit into {@code out} (cleared first) and returns it flipped.
     *
     * @param frameNum the picture's frame_num, one on from the last reference picture's; its picture order count
     *                 follows it as the encoder's own pictures' does (twice the frame number)
     */
    ByteBuffer write(int frameNum, ByteBuffer out) {
        SliceHeader header = new SliceHeader();
        header.sps = sps;
        header.pps = pps;
        header.sliceType = SliceType.P;
        header.picParameterSetId = pps.picParameterSetId;
        header.frameNum = frameNum % maxFrameNum;
        header.picOrderCntLsb = (frameNum << 1) % maxPicOrderCntLsb;
        rbsp.clear();
        BitWriter bits = new BitWriter(rbsp);
        SliceHeaderWriter.write(header, false, NAL_REF_IDC, bits);
        CAVLCWriter.writeUE(bits, macroblocks); // mb_skip_run: the whole picture
        bits.write1Bit(1); // rbsp_stop_one_bit, then zeros to the byte
        bits.flush();
        rbsp.flip();
        out.clear();
        out.putInt(1);
        new NALUnit(NALUnitType.NON_IDR_SLICE, NAL_REF_IDC).write(out);
        H264Utils.escapeNAL(rbsp, out);
        out.flip();
        return out;
    }
}
