package io.lumen.input.uinput.impl.kernel;

/**
 * The uinput ioctl request numbers, built with the kernel's asm-generic _IOC encoding (x86-64 and AArch64 share
 * it): direction in bits 30-31, argument size in bits 16-29, the driver's letter in bits 8-15, the number in 0-7.
 */
public final class Ioctl {

    private Ioctl() {
    }

    private static final int NONE = 0;
    private static final int WRITE = 1;
    private static final int READ = 2;
    private static final int UINPUT = 'U';
    private static final int INT_SIZE = 4;

    public static final long UI_DEV_CREATE = request(NONE, 1, 0);
    public static final long UI_DEV_DESTROY = request(NONE, 2, 0);
    public static final long UI_DEV_SETUP = request(WRITE, 3, Structs.UINPUT_SETUP.byteSize());
    public static final long UI_ABS_SETUP = request(WRITE, 4, Structs.UINPUT_ABS_SETUP.byteSize());
    public static final long UI_SET_EVBIT = request(WRITE, 100, INT_SIZE);
    public static final long UI_SET_KEYBIT = request(WRITE, 101, INT_SIZE);
    public static final long UI_SET_RELBIT = request(WRITE, 102, INT_SIZE);
    public static final long UI_SET_ABSBIT = request(WRITE, 103, INT_SIZE);
    public static final long UI_SET_FFBIT = request(WRITE, 107, INT_SIZE);
    public static final long UI_SET_PROPBIT = request(WRITE, 110, INT_SIZE);
    public static final long UI_BEGIN_FF_UPLOAD = request(READ | WRITE, 200, Structs.UINPUT_FF_UPLOAD.byteSize());
    public static final long UI_END_FF_UPLOAD = request(WRITE, 201, Structs.UINPUT_FF_UPLOAD.byteSize());
    public static final long UI_BEGIN_FF_ERASE = request(READ | WRITE, 202, Structs.UINPUT_FF_ERASE.byteSize());
    public static final long UI_END_FF_ERASE = request(WRITE, 203, Structs.UINPUT_FF_ERASE.byteSize());

    /** UI_GET_SYSNAME(len): the request carries the size of the buffer the kernel may fill. */
    public static long getSysname(int bufferLength) {
        return request(READ, 44, bufferLength);
    }

    private static long request(int direction, int number, long size) {
        if (size < 0 || size >= 1 << 14) {
            throw new IllegalArgumentException("ioctl argument of " + size + " bytes does not fit _IOC's 14 bits");
        }
        return ((long) direction << 30) | (size << 16) | ((long) UINPUT << 8) | number;
    }
}
