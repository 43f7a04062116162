package dev.audience.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BodyBuffersTest {
    @Test
    void anArrayHandedBackIsTheNextOneTaken() {
        BodyBuffers buffers = new BodyBuffers(1024, 2);
        byte[] first = buffers.take(100);
        assertThat(first).hasSize(1024);
        buffers.give(first);
        assertThat(buffers.take(1000)).isSameAs(first);
    }

    @Test
    void aBodyLargerThanThePoolsArraysGetsItsOwnAndItIsNotKept() {
        BodyBuffers buffers = new BodyBuffers(1024, 2);
        byte[] large = buffers.take(5000);
        assertThat(large).hasSize(5000);
        buffers.give(large);
        assertThat(buffers.waiting()).isZero();
        assertThat(buffers.take(10)).isNotSameAs(large).hasSize(1024);
    }

    @Test
    void keepsNoMoreThanItsLimit() {
        BodyBuffers buffers = new BodyBuffers(1024, 2);
        byte[] a = buffers.take(1), b = buffers.take(1), c = buffers.take(1);
        buffers.give(a);
        buffers.give(b);
        buffers.give(c);
        assertThat(buffers.waiting()).isEqualTo(2);
        assertThat(buffers.take(1)).isSameAs(a);
        assertThat(buffers.take(1)).isSameAs(b);
        byte[] fresh = buffers.take(1);
        assertThat(fresh != a && fresh != b && fresh != c).as("the third array was not kept").isTrue();
    }
}
