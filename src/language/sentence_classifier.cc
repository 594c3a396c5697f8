#include "language/sentence_classifier.h"

#include <fasttext/fasttext.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <exception>
#include <span>
#include <sstream>
#include <utility>
#include <vector>

#include "core/embedded_file.h"
#include "language/sentence_features.h"

namespace debrief::language {

std::span<const core::EmbeddedFile> EmbeddedLanguageModels();

namespace {

constexpr std::string_view kLabelPrefix = "__label__";
constexpr int32_t kFastTextMagic = 793712314;
constexpr int32_t kFastTextVersion = 12;

}  // namespace

SentenceClassifier::SentenceClassifier() : model_(std::make_unique<fasttext::FastText>()) {}
SentenceClassifier::~SentenceClassifier() = default;

core::Result<std::shared_ptr<const SentenceClassifier>> SentenceClassifier::Load(
    std::string_view model, std::string_view vocabulary) {
  // fastText's file header, which its loadModel(istream&) expects to have been read.
  int32_t magic = 0;
  int32_t version = 0;
  if (model.size() < sizeof magic + sizeof version) {
    return core::Error::InvalidArgument("the language model is empty");
  }
  std::memcpy(&magic, model.data(), sizeof magic);
  std::memcpy(&version, model.data() + sizeof magic, sizeof version);
  if (magic != kFastTextMagic || version != kFastTextVersion) {
    return core::Error::InvalidArgument("the language model is not a fastText 0.9 model");
  }
  model.remove_prefix(sizeof magic + sizeof version);
  std::shared_ptr<SentenceClassifier> classifier(new SentenceClassifier());
  try {
    std::istringstream in{std::string(model)};
    classifier->model_->loadModel(in);
  } catch (const std::exception& error) {
    return core::Error::InvalidArgument(std::string("the language model cannot be read: ") +
                                        error.what());
  }
  if (classifier->model_->getArgs().model != fasttext::model_name::sup) {
    return core::Error::InvalidArgument("the language model is not a sentence classifier");
  }
  while (!vocabulary.empty()) {
    size_t end = vocabulary.find('\n');
    std::string_view word = vocabulary.substr(0, end);
    if (!word.empty()) classifier->vocabulary_.emplace(word);
    vocabulary.remove_prefix(end == std::string_view::npos ? vocabulary.size() : end + 1);
  }
  return std::shared_ptr<const SentenceClassifier>(std::move(classifier));
}

std::shared_ptr<const SentenceClassifier> SentenceClassifier::Default() {
  static const std::shared_ptr<const SentenceClassifier> kDefault = [] {
    std::string_view model;
    std::string_view vocabulary;
    for (const core::EmbeddedFile& file : EmbeddedLanguageModels()) {
      if (file.path == "blame.ftz") model = file.content;
      if (file.path == "blame.vocab") vocabulary = file.content;
    }
    auto loaded = Load(model, vocabulary);
    return loaded ? *loaded : std::shared_ptr<const SentenceClassifier>();
  }();
  return kDefault;
}

bool SentenceClassifier::Learned(const std::string& word) const {
  if (!vocabulary_.empty()) return vocabulary_.contains(word);
  return model_->getDictionary()->getId(word) >= 0;
}

double SentenceClassifier::KnownWords(const std::string& line) const {
  int words = 0;
  int known = 0;
  std::istringstream in(line);
  for (std::string word; in >> word;) {
    bool letters = std::all_of(word.begin(), word.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || c == '\'' || c == '-' ||
             static_cast<unsigned char>(c) >= 0x80;
    });
    if (!letters || IsPlaceholder(word)) continue;
    ++words;
    if (Learned(word)) ++known;
  }
  return words == 0 ? 1.0 : static_cast<double>(known) / words;
}

SentenceVerdict SentenceClassifier::Classify(const std::string& line) const {
  std::istringstream in(line + "\n");
  std::vector<std::pair<fasttext::real, std::string>> predictions;
  // Every label, most likely first.
  model_->predictLine(in, predictions, -1, 0.0);
  SentenceVerdict verdict;
  double innocent = 0;
  bool innocent_seen = false;
  for (const auto& [probability, label] : predictions) {
    std::string_view name = label;
    if (name.starts_with(kLabelPrefix)) name.remove_prefix(kLabelPrefix.size());
    if (name == kInnocentLabel) {
      innocent = probability;
      innocent_seen = true;
    } else if (verdict.category.empty()) {
      verdict.category = std::string(name);
    }
  }
  // fastText's probabilities may pass 1 by a rounding error; a blame below 0 would slip under
  // any veto threshold.
  verdict.blame = innocent_seen ? std::clamp(1.0 - innocent, 0.0, 1.0) : 0.0;
  verdict.known_words = KnownWords(line);
  if (verdict.blame <= 0) verdict.category.clear();
  return verdict;
}

}  // namespace debrief::language
