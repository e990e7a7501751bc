package org.borderflow.sample;

import java.util.Arrays;

/**
 * The people behind the events of one source: attributes kept in parallel primitive arrays, because a full-volume
 * run holds several hundred thousand travellers and objects would cost more memory than the data itself.
 */
final class TravellerRegistry {

    private static final long MASK_48 = (1L << 48) - 1;

    private final String idPrefix;
    private byte[] citizenship = new byte[1 << 16];
    private byte[] sex = new byte[1 << 16];
    private short[] birthYear = new short[1 << 16];
    private byte[] kind = new byte[1 << 16];
    private int size;

    TravellerRegistry(String idPrefix) {
        this.idPrefix = idPrefix;
    }

    int add(int citizenshipIndex, int sexIndex, int birthYearValue, TravellerKind travellerKind) {
        if (size == kind.length) {
            int capacity = size * 2;
            citizenship = Arrays.copyOf(citizenship, capacity);
            sex = Arrays.copyOf(sex, capacity);
            birthYear = Arrays.copyOf(birthYear, capacity);
            kind = Arrays.copyOf(kind, capacity);
        }
        citizenship[size] = (byte) citizenshipIndex;
        sex[size] = (byte) sexIndex;
        birthYear[size] = (short) birthYearValue;
        kind[size] = (byte) travellerKind.ordinal();
        return size++;
    }

    int size() {
        return size;
    }

    int citizenship(int traveller) {
        return citizenship[traveller];
    }

    int sex(int traveller) {
        return sex[traveller];
    }

    int birthYear(int traveller) {
        return birthYear[traveller];
    }

    TravellerKind kind(int traveller) {
        return TravellerKind.values()[kind[traveller]];
    }

    /**
     * A pseudonymous id: the traveller's number scrambled by a bijection on 48 bits, so ids are unique, look random
     * and give away neither the order in which people first crossed nor how many there are.
     */
    String id(int traveller) {
        long x = (traveller + 1L) & MASK_48;
        x = (x * 0x9E3779B97F4A7C15L) & MASK_48;
        x ^= x >>> 23;
        x = (x * 0xBF58476D1CE4E5B9L) & MASK_48;
        x ^= x >>> 21;
        String hex = Long.toHexString(x);
        return idPrefix + "0".repeat(12 - hex.length()) + hex;
    }
}
