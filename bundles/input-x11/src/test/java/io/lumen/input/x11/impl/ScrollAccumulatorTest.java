package io.lumen.input.x11.impl;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ScrollAccumulatorTest {

    private final ScrollAccumulator wheel = new ScrollAccumulator();

    @Test
    void aNotchIsOneClickEitherWay() {
        assertEquals(1, wheel.add(120));
        assertEquals(-1, wheel.add(-120));
        assertEquals(3, wheel.add(360));
        assertEquals(0, wheel.remainder());
    }

    @Test
    void partsOfANotchCarryOverUntilTheyMakeAWholeOne() {
        assertEquals(0, wheel.add(60));
        assertEquals(1, wheel.add(60));
        assertEquals(0, wheel.add(60));
        assertEquals(60, wheel.remainder(), "three half notches: one click and half a notch carried");
        assertEquals(0, wheel.add(30));
        assertEquals(1, wheel.add(30));
        assertEquals(0, wheel.remainder());
    }

    @Test
    void aLargeAmountIsManyClicksAndItsRemainder() {
        assertEquals(-273, wheel.add(Short.MIN_VALUE));
        assertEquals(-8, wheel.remainder());
    }

    @Test
    void turningBackDropsWhatWasLeftOfTheOtherWay() {
        assertEquals(0, wheel.add(-90));
        assertEquals(0, wheel.add(90));
        assertEquals(90, wheel.remainder());
        assertEquals(1, wheel.add(30));
        assertEquals(0, wheel.add(0));
        assertEquals(0, wheel.remainder());
    }
}
