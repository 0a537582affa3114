package io.lumen.input.uinput.impl.dualsense;

import java.io.ByteArrayOutputStream;

/**
 * The HID report descriptor of a DualSense on USB (054c:0ce6), item for item as the pad presents it (273 bytes), so
 * hidraw readers (SDL, Steam) find the report sizes they expect: input 0x01 of 63 bytes, output 0x02 of 47 and the
 * vendor feature reports, among them 0x05 (calibration, 40), 0x09 (pairing, 19) and 0x20 (firmware, 63).
 * hid-playstation parses only the reports it reads, but the HID core drops an input report whose id the descriptor
 * lacks, so the descriptor must at least declare 0x01.
 */
public final class ReportDescriptor {

    private static final int GENERIC_DESKTOP = 0x01;
    private static final int BUTTON = 0x09;
    private static final int VENDOR = 0xFF00;
    private static final int DATA_VARIABLE = 0x02;
    private static final int DATA_VARIABLE_NULL = 0x42;

    /** The vendor feature reports: id, vendor usage, payload bytes. */
    private static final int[][] FEATURES = {
        {0x05, 0x33, 40}, {0x08, 0x34, 47}, {0x09, 0x24, 19}, {0x0A, 0x25, 26}, {0x20, 0x26, 63},
        {0x21, 0x27, 4}, {0x22, 0x40, 63}, {0x80, 0x28, 63}, {0x81, 0x29, 63}, {0x82, 0x2A, 9},
        {0x83, 0x2B, 63}, {0x84, 0x2C, 63}, {0x85, 0x2D, 2}, {0xA0, 0x2E, 1}, {0xE0, 0x2F, 63},
        {0xF0, 0x30, 63}, {0xF1, 0x31, 63}, {0xF2, 0x32, 15}, {0xF4, 0x35, 63}, {0xF5, 0x36, 3},
    };

    private static final byte[] BYTES = build();

    private ReportDescriptor() {
    }

    public static byte[] bytes() {
        return BYTES.clone();
    }

    private static byte[] build() {
        Items d = new Items();
        d.usagePage(GENERIC_DESKTOP).usage(0x05).collection(0x01);
        d.reportId(InputReport.ID);
        // sticks then triggers: X, Y, Z, Rz are the sticks, Rx and Ry the triggers
        d.usage(0x30).usage(0x31).usage(0x32).usage(0x35).usage(0x33).usage(0x34);
        d.logicalMinimum(0).logicalMaximum(255).reportSize(8).reportCount(6).input(DATA_VARIABLE);
        d.usagePage(VENDOR).usage(0x20).reportCount(1).input(DATA_VARIABLE);
        d.usagePage(GENERIC_DESKTOP).usage(0x39).logicalMinimum(0).logicalMaximum(7).physicalMinimum(0)
                .physicalMaximum(315).unit(0x14).reportSize(4).reportCount(1).input(DATA_VARIABLE_NULL);
        d.unit(0).usagePage(BUTTON).usageMinimum(1).usageMaximum(15).logicalMinimum(0).logicalMaximum(1)
                .reportSize(1).reportCount(15).input(DATA_VARIABLE);
        d.usagePage(VENDOR).usage(0x21).reportCount(13).input(DATA_VARIABLE);
        d.usagePage(VENDOR).usage(0x22).logicalMinimum(0).logicalMaximum(255).reportSize(8).reportCount(52)
                .input(DATA_VARIABLE);
        d.reportId(OutputReports.ID).usage(0x23).reportCount(47).output(DATA_VARIABLE);
        for (int[] feature : FEATURES) {
            d.reportId(feature[0]).usage(feature[1]).reportCount(feature[2]).feature(DATA_VARIABLE);
        }
        d.endCollection();
        return d.out.toByteArray();
    }

    /** HID short items (HID 1.11, 6.2.2.2): a prefix of tag, type and data size, then 0, 1 or 2 data bytes. */
    private static final class Items {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        private Items item(int tagAndType, int value, boolean signed) {
            boolean oneByte = signed ? value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE : value >= 0 && value <= 0xFF;
            out.write(tagAndType | (oneByte ? 1 : 2));
            out.write(value & 0xFF);
            if (!oneByte) {
                out.write((value >> 8) & 0xFF);
            }
            return this;
        }

        Items usagePage(int page) {
            return item(0x04, page, false);
        }

        Items usage(int usage) {
            return item(0x08, usage, false);
        }

        Items usageMinimum(int usage) {
            return item(0x18, usage, false);
        }

        Items usageMaximum(int usage) {
            return item(0x28, usage, false);
        }

        Items logicalMinimum(int value) {
            return item(0x14, value, true);
        }

        Items logicalMaximum(int value) {
            return item(0x24, value, true);
        }

        Items physicalMinimum(int value) {
            return item(0x34, value, true);
        }

        Items physicalMaximum(int value) {
            return item(0x44, value, true);
        }

        Items unit(int unit) {
            return item(0x64, unit, false);
        }

        Items reportSize(int bits) {
            return item(0x74, bits, false);
        }

        Items reportId(int id) {
            return item(0x84, id, false);
        }

        Items reportCount(int count) {
            return item(0x94, count, false);
        }

        Items input(int flags) {
            return item(0x80, flags, false);
        }

        Items output(int flags) {
            return item(0x90, flags, false);
        }

        Items feature(int flags) {
            return item(0xB0, flags, false);
        }

        Items collection(int kind) {
            return item(0xA0, kind, false);
        }

        void endCollection() {
            out.write(0xC0);
        }
    }
}
