package org.example.gadget;

import java.io.Serializable;

/** A class outside the deserialization whitelist, standing for an attacker's gadget. */
public class Gadget implements Serializable {

    private static final long serialVersionUID = 1L;

    public static volatile boolean deserialized;

    private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
        in.defaultReadObject();
        deserialized = true;
    }
}
