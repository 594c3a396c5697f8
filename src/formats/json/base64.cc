#include "formats/json/base64.h"

#include <openssl/evp.h>

namespace debrief::formats::json {

core::Result<std::string> DecodeBase64(std::string_view text, std::string_view field) {
  auto refuse = [&]() {
    return core::Error::InvalidArgument(std::string(field) + " must be the file's bytes in base64",
                                        std::string(field));
  };
  if (text.size() % 4 != 0) return refuse();
  std::string bytes(text.size() / 4 * 3 + 3, '\0');
  EVP_ENCODE_CTX* context = EVP_ENCODE_CTX_new();
  EVP_DecodeInit(context);
  int written = 0;
  int final = 0;
  bool ok = EVP_DecodeUpdate(context, reinterpret_cast<unsigned char*>(bytes.data()), &written,
                             reinterpret_cast<const unsigned char*>(text.data()),
                             static_cast<int>(text.size())) >= 0 &&
            EVP_DecodeFinal(context, reinterpret_cast<unsigned char*>(bytes.data()) + written,
                            &final) == 1;
  EVP_ENCODE_CTX_free(context);
  if (!ok) return refuse();
  bytes.resize(static_cast<size_t>(written + final));
  return bytes;
}

}  // namespace debrief::formats::json
