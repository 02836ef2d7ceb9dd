package io.pgfleet.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts every payload with AES-256-GCM: the whole serialized payload (its metadata too, so not
 * even the inner encoding shows) becomes {@code nonce ‖ ciphertext ‖ tag} under metadata {@code
 * encoding: binary/encrypted} and the key id. Each payload gets a fresh random 96-bit nonce; with
 * random nonces one key should encrypt fewer than 2^32 payloads, so rotate keys long before that.
 * The key id is authenticated as associated data.
 *
 * <p>Payloads without {@code binary/encrypted} pass through decoding unchanged, so histories
 * written before encryption stay readable.
 */
public final class AesGcmPayloadCodec implements PayloadCodec {

  public static final String ENCODING = "binary/encrypted";
  public static final String METADATA_ENCODING = "encoding";
  public static final String METADATA_KEY_ID = "encryption-key-id";
  public static final String METADATA_CIPHER = "encryption-cipher";
  public static final String CIPHER_NAME = "AES-256-GCM";

  static final int NONCE_BYTES = 12;
  static final int TAG_BITS = 128;
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final ByteString ENCODING_BYTES = ByteString.copyFromUtf8(ENCODING);

  private final EncryptionKeys keys;
  private final SecureRandom random = new SecureRandom();

  public AesGcmPayloadCodec(EncryptionKeys keys) {
    this.keys = keys;
  }

  @Override
  public List<Payload> encode(List<Payload> payloads) {
    return payloads.stream().map(this::encrypt).toList();
  }

  @Override
  public List<Payload> decode(List<Payload> payloads) {
    return payloads.stream().map(this::decrypt).toList();
  }

  private Payload encrypt(Payload payload) {
    String keyId = keys.currentId();
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    byte[] sealed;
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.current(), nonce, keyId);
      sealed = cipher.doFinal(payload.toByteArray());
    } catch (GeneralSecurityException e) {
      throw new PayloadCodecException("AES-GCM encryption with key '" + keyId + "' failed", e);
    }
    return Payload.newBuilder()
        .putMetadata(METADATA_ENCODING, ENCODING_BYTES)
        .putMetadata(METADATA_KEY_ID, ByteString.copyFromUtf8(keyId))
        .putMetadata(METADATA_CIPHER, ByteString.copyFromUtf8(CIPHER_NAME))
        .setData(ByteString.copyFrom(nonce).concat(ByteString.copyFrom(sealed)))
        .build();
  }

  private Payload decrypt(Payload payload) {
    if (!ENCODING_BYTES.equals(payload.getMetadataOrDefault(METADATA_ENCODING, null))) {
      return payload;
    }
    ByteString id = payload.getMetadataOrDefault(METADATA_KEY_ID, null);
    if (id == null) {
      throw new PayloadCodecException("encrypted payload has no " + METADATA_KEY_ID + " metadata");
    }
    String keyId = id.toStringUtf8();
    SecretKey key =
        keys.find(keyId)
            .orElseThrow(
                () ->
                    new PayloadCodecException(
                        "payload was encrypted with codec key '"
                            + keyId
                            + "', which is not configured (configured: "
                            + keys.ids()
                            + "); add it to "
                            + EncryptionKeys.SETTING
                            + " ("
                            + EncryptionKeys.ENVIRONMENT_VARIABLE
                            + ") after the current key"));
    byte[] data = payload.getData().toByteArray();
    if (data.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new PayloadCodecException(
          "encrypted payload (key '" + keyId + "') is " + data.length + " bytes: truncated");
    }
    byte[] plain;
    try {
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOf(data, NONCE_BYTES), keyId);
      plain = cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES);
    } catch (AEADBadTagException e) {
      throw new PayloadCodecException(
          "encrypted payload failed authentication with codec key '"
              + keyId
              + "': it was altered, or encrypted with another key under the same id");
    } catch (GeneralSecurityException e) {
      throw new PayloadCodecException("AES-GCM decryption with key '" + keyId + "' failed", e);
    }
    try {
      return Payload.parseFrom(plain);
    } catch (InvalidProtocolBufferException e) {
      throw new PayloadCodecException(
          "payload decrypted with key '" + keyId + "' is not a serialized payload", e);
    }
  }

  private static Cipher cipher(int mode, SecretKey key, byte[] nonce, String keyId)
      throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance(TRANSFORMATION);
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
    return cipher;
  }
}
