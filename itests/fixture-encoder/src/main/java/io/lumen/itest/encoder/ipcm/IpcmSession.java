package io.lumen.itest.encoder.ipcm;

import io.lumen.api.encode.EncoderSession;
import io.lumen.api.media.AccessUnit;
import io.lumen.api.media.AccessUnitSink;
import io.lumen.api.media.Codec;
import io.lumen.api.media.Frame;
import io.lumen.api.media.PixelFormat;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Every picture is an IDR access unit (SPS, PPS, one I slice) whose macroblocks are all I_PCM: raw 4:2:0 samples
 * behind an mb_type. Baseline profile, CAVLC, frame cropping for sizes that are not whole macroblocks. Facts from the
 * H.264 specification (7.3.2.1 SPS, 7.3.2.2 PPS, 7.3.3 slice header, 7.3.5 macroblock layer).
 */
final class IpcmSession implements EncoderSession {

    private static final int I_PCM = 25;

    private final int width;
    private final int height;
    private final int mbWidth;
    private final int mbHeight;
    private final byte[] parameterSets;
    private final byte[] luma;
    private final byte[] cb;
    private final byte[] cr;
    private final byte[] row;
    private int idrPicId;

    IpcmSession(int width, int height) {
        this.width = width;
        this.height = height;
        this.mbWidth = (width + 15) / 16;
        this.mbHeight = (height + 15) / 16;
        this.luma = new byte[mbWidth * 16 * mbHeight * 16];
        this.cb = new byte[mbWidth * 8 * mbHeight * 8];
        this.cr = new byte[cb.length];
        this.row = new byte[width * 4];
        ByteArrayOutputStream sets = new ByteArrayOutputStream();
        nal(sets, 3, 7, sps());
        nal(sets, 3, 8, pps());
        this.parameterSets = sets.toByteArray();
    }

    private byte[] sps() {
        BitWriter w = new BitWriter();
        w.bits(66, 8);          // profile_idc: Baseline
        w.bits(0b11000000, 8);  // constraint_set0/1: decodable by Baseline and Main decoders
        w.bits(51, 8);          // level_idc 5.1: room for any test size at I_PCM rates
        w.ue(0);                // seq_parameter_set_id
        w.ue(0);                // log2_max_frame_num_minus4
        w.ue(2);                // pic_order_cnt_type 2: output order = decode order
        w.ue(0);                // max_num_ref_frames
        w.bit(0);               // gaps_in_frame_num_value_allowed_flag
        w.ue(mbWidth - 1);
        w.ue(mbHeight - 1);
        w.bit(1);               // frame_mbs_only_flag
        w.bit(1);               // direct_8x8_inference_flag
        boolean crop = mbWidth * 16 != width || mbHeight * 16 != height;
        w.bit(crop ? 1 : 0);
        if (crop) {             // offsets count chroma samples: two luma pixels each in 4:2:0
            w.ue(0);
            w.ue((mbWidth * 16 - width) / 2);
            w.ue(0);
            w.ue((mbHeight * 16 - height) / 2);
        }
        w.bit(0);               // vui_parameters_present_flag
        return w.finish();
    }

    private static byte[] pps() {
        BitWriter w = new BitWriter();
        w.ue(0);                // pic_parameter_set_id
        w.ue(0);                // seq_parameter_set_id
        w.bit(0);               // entropy_coding_mode_flag: CAVLC
        w.bit(0);               // bottom_field_pic_order_in_frame_present_flag
        w.ue(0);                // num_slice_groups_minus1
        w.ue(0);                // num_ref_idx_l0_default_active_minus1
        w.ue(0);                // num_ref_idx_l1_default_active_minus1
        w.bit(0);               // weighted_pred_flag
        w.bits(0, 2);           // weighted_bipred_idc
        w.se(0);                // pic_init_qp_minus26
        w.se(0);                // pic_init_qs_minus26
        w.se(0);                // chroma_qp_index_offset
        w.bit(1);               // deblocking_filter_control_present_flag
        w.bit(0);               // constrained_intra_pred_flag
        w.bit(0);               // redundant_pic_cnt_present_flag
        return w.finish();
    }

    @Override
    public void encode(Frame frame, AccessUnitSink sink) {
        if (frame.width() != width || frame.height() != height || !frame.format().isPacked()) {
            throw new IllegalArgumentException("ipcm-h264 opened for " + width + "x" + height + " packed RGB, got " + frame);
        }
        toYuv(frame);
        BitWriter w = new BitWriter();
        w.ue(0);                // first_mb_in_slice
        w.ue(7);                // slice_type: I, all slices of the picture
        w.ue(0);                // pic_parameter_set_id
        w.bits(0, 4);           // frame_num
        w.ue(idrPicId);         // consecutive IDR pictures differ in idr_pic_id
        idrPicId = (idrPicId + 1) & 0xFFFF;
        w.bit(0);               // no_output_of_prior_pics_flag
        w.bit(0);               // long_term_reference_flag
        w.se(0);                // slice_qp_delta
        w.ue(1);                // disable_deblocking_filter_idc: off
        for (int my = 0; my < mbHeight; my++) {
            for (int mx = 0; mx < mbWidth; mx++) {
                w.ue(I_PCM);
                while (!w.aligned()) {
                    w.bit(0);   // pcm_alignment_zero_bit
                }
                for (int y = 0; y < 16; y++) {
                    w.bytes(luma, (my * 16 + y) * mbWidth * 16 + mx * 16, 16);
                }
                for (byte[] plane : new byte[][] {cb, cr}) {
                    for (int y = 0; y < 8; y++) {
                        w.bytes(plane, (my * 8 + y) * mbWidth * 8 + mx * 8, 8);
                    }
                }
            }
        }
        ByteArrayOutputStream unit = new ByteArrayOutputStream(parameterSets.length + luma.length * 2);
        unit.writeBytes(parameterSets);
        nal(unit, 3, 5, w.finish());
        sink.accept(new AccessUnit(frame.sequence(), frame.captureNanos(), true, Codec.H264,
                MemorySegment.ofArray(unit.toByteArray())));
    }

    /** BT.601 limited range, 2x2 chroma average; edge pixels repeat into the padding. */
    private void toYuv(Frame frame) {
        boolean bgr = frame.format() == PixelFormat.BGRX || frame.format() == PixelFormat.BGRA;
        int stride = mbWidth * 16;
        int chromaStride = mbWidth * 8;
        int[] sumR = new int[chromaStride], sumG = new int[chromaStride], sumB = new int[chromaStride];
        for (int y = 0; y < mbHeight * 16; y++) {
            int sourceRow = Math.min(y, height - 1);
            MemorySegment.copy(frame.data(), ValueLayout.JAVA_BYTE, (long) sourceRow * frame.stride(), row, 0, width * 4);
            for (int x = 0; x < stride; x++) {
                int p = Math.min(x, width - 1) * 4;
                int r = row[p + (bgr ? 2 : 0)] & 0xFF, g = row[p + 1] & 0xFF, b = row[p + (bgr ? 0 : 2)] & 0xFF;
                luma[y * stride + x] = (byte) (16 + ((66 * r + 129 * g + 25 * b + 128) >> 8));
                sumR[x / 2] += r;
                sumG[x / 2] += g;
                sumB[x / 2] += b;
            }
            if ((y & 1) == 1) {
                for (int c = 0; c < chromaStride; c++) {
                    int r = sumR[c] / 4, g = sumG[c] / 4, b = sumB[c] / 4;
                    cb[(y / 2) * chromaStride + c] = (byte) (128 + ((-38 * r - 74 * g + 112 * b + 128) >> 8));
                    cr[(y / 2) * chromaStride + c] = (byte) (128 + ((112 * r - 94 * g - 18 * b + 128) >> 8));
                    sumR[c] = sumG[c] = sumB[c] = 0;
                }
            }
        }
    }

    /** Writes a NAL unit with a start code, inserting emulation prevention bytes into the payload. */
    private static void nal(ByteArrayOutputStream out, int refIdc, int type, byte[] rbsp) {
        out.writeBytes(new byte[] {0, 0, 0, 1, (byte) ((refIdc << 5) | type)});
        int zeros = 0;
        for (byte b : rbsp) {
            if (zeros >= 2 && (b & 0xFF) <= 3) {
                out.write(3);
                zeros = 0;
            }
            out.write(b);
            zeros = b == 0 ? zeros + 1 : 0;
        }
    }

    @Override
    public void requestKeyframe() {
        // every picture is a keyframe
    }

    @Override
    public void setBitrate(int kbps) {
        // I_PCM has one rate: raw
    }

    @Override
    public void close() {
    }
}
