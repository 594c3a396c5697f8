// Trains the checker's sentence classifier (language/sentence_classifier.h) on labelled review
// sentences and writes the model the build compiles in:
//
//   train_language_model --output src/language/model/blame.ftz
//   tests/testdata/language/dev/tune-*.tsv train_language_model --folds 5
//   tests/testdata/language/dev/tune-*.tsv   # measure only
//
// Input files are the development corpus's: `LABEL<TAB>PHENOMENON<TAB>SENTENCE` lines, LABEL a
// rule category or "-" for an innocent sentence, and a `# participants: A B, C D` line. Each
// sentence is written as ReadSentenceFeatures writes it, so training sees what the checker sees.
// With --folds K the sentences are split K ways; each part is classified by a model trained on
// the others, and precision/recall are printed for the rules alone, the classifier alone and
// both together at several probabilities, to choose `min_probability` without the held-out set.
#include <fasttext/fasttext.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "language/checker.h"
#include "language/context.h"
#include "language/rule_pack.h"
#include "language/sentence_classifier.h"
#include "language/sentence_features.h"
#include "language/text.h"

namespace {

using namespace debrief::language;

struct Labelled {
  std::string label;  // A category, or "-".
  std::string phenomenon;
  std::string sentence;
  std::vector<std::string> participants;
  int file = 0;            // Which input file, for --by-file.
  std::string line;        // As the classifier reads it.
  bool rules = false;      // Whether the phrase and structure rules find anything.
  bool prose = false;      // Whether the checker would ask the classifier (SentenceFeatures).
  bool document = false;   // A sentence of a published postmortem (--documents).
  bool person = false;     // A person is named in it (what learned rules of blame ask).
  double blame = 0;        // From cross-validation.
  double known_words = 1;  // From cross-validation.
  std::string category;    // From cross-validation.
};

std::string Trim(const std::string& text) {
  size_t begin = text.find_first_not_of(' ');
  size_t end = text.find_last_not_of(' ');
  return begin == std::string::npos ? std::string() : text.substr(begin, end - begin + 1);
}

std::vector<Labelled> ReadFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<Labelled> cases;
  std::vector<std::string> participants;
  const std::string kParticipants = "# participants:";
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with(kParticipants)) {
      participants.clear();
      std::stringstream names(line.substr(kParticipants.size()));
      for (std::string name; std::getline(names, name, ',');) participants.push_back(Trim(name));
      continue;
    }
    if (line.empty() || line[0] == '#') continue;
    std::stringstream fields(line);
    Labelled entry;
    std::getline(fields, entry.label, '\t');
    std::getline(fields, entry.phenomenon, '\t');
    std::getline(fields, entry.sentence);
    if (entry.sentence.empty()) continue;
    entry.participants = participants;
    cases.push_back(std::move(entry));
  }
  return cases;
}

// Published postmortems as innocent examples: every sentence of prose, except those with a
// finding judged right in the judgments file (bench/lint-judgments.tsv). Real reviews are mostly
// innocent prose; the labelled files alone are half blame and teach the model to expect it
// everywhere. For --by-file the documents are two parts (every other one in name order), so each
// is scored by a model that learned from the other half and never from it.
std::vector<Labelled> ReadDocuments(const std::string& directory, const std::string& judgments) {
  std::set<std::pair<std::string, int>> blameful_lines;
  if (!judgments.empty()) {
    std::ifstream in(judgments);
    if (!in) throw std::runtime_error("cannot read " + judgments);
    for (std::string line; std::getline(in, line);) {
      if (line.empty() || line[0] == '#') continue;
      std::stringstream fields(line);
      std::string file, number, rule, verdict;
      std::getline(fields, file, '\t');
      std::getline(fields, number, '\t');
      std::getline(fields, rule, '\t');
      std::getline(fields, verdict, '\t');
      if (verdict == "true") blameful_lines.emplace(file, std::stoi(number));
    }
  }
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    std::string name = entry.path().filename().string();
    if (name.ends_with(".md") && name != "SOURCES.md" && name != "README.md") names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  std::vector<Labelled> cases;
  for (size_t index = 0; index < names.size(); ++index) {
    std::ifstream in(directory + "/" + names[index]);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::string masked = MaskMarkdown(text);
    TokenizedText tokens = Tokenize(masked);
    CheckOptions options;
    detail::Context context(tokens.tokens(), options);
    for (const SentenceFeatures& sentence : ReadSentenceFeatures(tokens.tokens(), context)) {
      if (!sentence.prose || tokens[sentence.first].in_heading) continue;
      size_t begin = tokens[sentence.first].begin;
      size_t end = tokens[sentence.end - 1].end;
      int first_line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + begin, '\n'));
      int last_line =
          first_line + static_cast<int>(std::count(text.begin() + begin, text.begin() + end, '\n'));
      bool blameful = false;
      for (int line = first_line; line <= last_line; ++line) {
        blameful = blameful || blameful_lines.contains({names[index], line});
      }
      if (blameful) continue;
      Labelled entry;
      entry.label = "-";
      entry.sentence = masked.substr(begin, end - begin);
      entry.line = sentence.line;
      entry.prose = true;
      entry.document = true;
      for (size_t at = sentence.first; at < sentence.end && !entry.person; ++at) {
        entry.person = context.IsPersonAt(at);
      }
      entry.file = static_cast<int>(index % 2);  // Two parts for cross-validation.
      cases.push_back(std::move(entry));
    }
  }
  return cases;
}

std::string FeatureLine(Labelled& entry) {
  CheckOptions options;
  options.participant_names = entry.participants;
  options.markdown = false;
  TokenizedText tokens = Tokenize(entry.sentence);
  detail::Context context(tokens.tokens(), options);
  for (size_t index = 0; index < tokens.size() && !entry.person; ++index) {
    entry.person = context.IsPersonAt(index);
  }
  std::string line;
  for (const SentenceFeatures& sentence : ReadSentenceFeatures(tokens.tokens(), context)) {
    if (!line.empty()) line += ' ';
    line += sentence.line;
    entry.prose = entry.prose || sentence.prose;
  }
  return line;
}

std::string TrainingLine(const Labelled& entry) {
  std::string label = entry.label == "-" ? std::string(kInnocentLabel) : entry.label;
  return "__label__" + label + " " + entry.line + "\n";
}

fasttext::Args ArgsFor(const std::string& input, const std::string& settings) {
  std::vector<std::string> words = {"fasttext", "supervised", "-input", input, "-output", "unused"};
  std::stringstream split(settings);
  for (std::string word; split >> word;) words.push_back(word);
  fasttext::Args args;
  args.parseArgs(words);
  return args;
}

// Trains on `cases`; quantised (a small .ftz) unless `quantise` is false.
// How a model is trained: fastText's options, and how many words and word pairs quantising
// keeps (the rest are pruned). With `known_from_model` a pruned word counts as one the model
// does not know; otherwise every word it learned from does (the vocabulary kept beside it).
struct TrainingSettings {
  std::string fasttext;
  int cutoff = 0;
  bool known_from_model = false;
};

struct Trained {
  std::unique_ptr<fasttext::FastText> model;
  std::string vocabulary;  // Every word learned from, one per line, before any was pruned.
};

Trained Train(const std::vector<const Labelled*>& cases, const TrainingSettings& settings,
              bool quantise) {
  std::filesystem::path input =
      std::filesystem::temp_directory_path() / ("debrief-train-" + std::to_string(getpid()));
  {
    std::ofstream out(input);
    for (const Labelled* entry : cases) out << TrainingLine(*entry);
  }
  fasttext::Args args = ArgsFor(input.string(), settings.fasttext);
  auto model = std::make_unique<fasttext::FastText>();
  model->train(args);
  std::vector<std::string> words;
  auto dictionary = model->getDictionary();
  for (int32_t id = 0; id < dictionary->nwords(); ++id) words.push_back(dictionary->getWord(id));
  std::sort(words.begin(), words.end());
  std::string vocabulary;
  for (const std::string& word : words) vocabulary += word + '\n';
  if (quantise) {
    fasttext::Args quantisation = args;
    quantisation.qnorm = true;
    quantisation.retrain = true;
    quantisation.cutoff = settings.cutoff;
    quantisation.dsub = 2;
    model->quantize(quantisation);
  }
  std::filesystem::remove(input);
  return {std::move(model), std::move(vocabulary)};
}

struct Score {
  int true_positives = 0;
  int false_positives = 0;
  int false_negatives = 0;
  void Add(bool blameful, bool flagged) {
    if (flagged && blameful) ++true_positives;
    if (flagged && !blameful) ++false_positives;
    if (!flagged && blameful) ++false_negatives;
  }
  void Print(const char* what) const {
    double precision = true_positives + false_positives == 0
                           ? 1.0
                           : double(true_positives) / (true_positives + false_positives);
    double recall = double(true_positives) / std::max(1, true_positives + false_negatives);
    std::printf("%-28s precision %.3f recall %.3f (false alarms %d)\n", what, precision, recall,
                false_positives);
  }
};

// Whether the default pack's learned rules let the verdict be a finding: a learned rule of its
// category whose sentence conditions hold (the checker's AddLearnedFindings).
const RulePack& Pack() {
  static const RulePack kPack = [] {
    auto pack = DefaultRulePack();
    if (!pack) throw std::runtime_error(pack.error().message());
    return *pack;
  }();
  return kPack;
}

LearnedSentence FactsOf(const Labelled& entry) {
  LearnedSentence facts;
  facts.person = entry.person;
  facts.agentless_passive = entry.line.find("xpassiveunnamed") != std::string::npos;
  facts.asked = entry.sentence.find('?') != std::string::npos;
  return facts;
}

// Whether a learned rule of the verdict's category would report the sentence were the classifier
// sure enough: its conditions, not its threshold (the sweeps below set their own).
bool Learnable(const Labelled& entry) {
  return LearnedRuleFor(Pack(), entry.category, 1.0, FactsOf(entry)) != nullptr;
}

// Whether the default pack reports the sentence: each learned rule's own threshold and
// conditions, and its share of known words, as the checker decides.
bool LearnedAsShipped(const Labelled& entry) {
  return entry.prose && entry.known_words >= Pack().learned_min_known_words &&
         LearnedRuleFor(Pack(), entry.category, entry.blame, FactsOf(entry)) != nullptr;
}

// What the default pack, cross-validated, gets wrong: one line per blameful sentence it misses
// ("missed") and per innocent one it reports ("flagged"), with the file's phenomenon, the
// classifier's reading, what the learned rules ask of a sentence (prose, known words, a person)
// and the sentence, so misses can be read by kind and by what held them back.
void WriteMisses(const std::vector<Labelled>& cases, const std::string& path) {
  std::ofstream out(path);
  if (!out) throw std::runtime_error("cannot write " + path);
  for (const Labelled& entry : cases) {
    bool learned = LearnedAsShipped(entry);
    // On postmortem prose only the classifier's hints count, as in the figures above.
    bool flagged = entry.document ? learned : entry.rules || learned;
    bool blameful = entry.label != "-";
    if (flagged == blameful) continue;
    out << (blameful         ? "missed"
            : entry.document ? "postmortem"
                             : "flagged")
        << '\t' << entry.label << '\t' << entry.phenomenon << '\t' << entry.category << ' '
        << entry.blame << '\t' << (entry.prose ? "prose" : "other") << " known "
        << entry.known_words << (entry.person ? " person" : "") << '\t' << entry.sentence << '\n';
  }
}

// With `by_file`, each input file is one part: a model is scored on a writer it has not read.
void CrossValidate(std::vector<Labelled>& cases, int folds, bool by_file,
                   const TrainingSettings& settings, const std::string& misses_path) {
  std::vector<Labelled*> order;
  for (Labelled& entry : cases) order.push_back(&entry);
  std::shuffle(order.begin(), order.end(), std::mt19937(7));
  auto fold_of = [&](size_t index) {
    return by_file ? order[index]->file : static_cast<int>(index % folds);
  };
  for (int fold = 0; fold < folds; ++fold) {
    std::vector<const Labelled*> training;
    for (size_t index = 0; index < order.size(); ++index) {
      if (fold_of(index) != fold) training.push_back(order[index]);
    }
    std::string path =
        (std::filesystem::temp_directory_path() / ("debrief-fold-" + std::to_string(getpid())))
            .string();
    Trained trained = Train(training, settings, true);
    trained.model->saveModel(path);
    std::ifstream in(path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::filesystem::remove(path);
    auto classifier = SentenceClassifier::Load(
        bytes, settings.known_from_model ? std::string() : trained.vocabulary);
    if (!classifier) throw std::runtime_error(classifier.error().message());
    for (size_t index = 0; index < order.size(); ++index) {
      if (fold_of(index) != fold) continue;
      SentenceVerdict verdict = (*classifier)->Classify(order[index]->line);
      order[index]->blame = verdict.blame;
      order[index]->category = verdict.category;
      order[index]->known_words = verdict.known_words;
    }
  }
  Score rules;
  for (const Labelled& entry : cases) rules.Add(entry.label != "-", entry.rules);
  rules.Print("rules");
  for (double threshold : {0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98}) {
    Score alone;
    Score both;
    for (const Labelled& entry : cases) {
      // Root-cause framing is left to its rule (once per text), as in the checker.
      bool learned = entry.prose && entry.blame >= threshold && Learnable(entry);
      alone.Add(entry.label != "-", learned);
      both.Add(entry.label != "-", entry.rules || learned);
    }
    char what[64];
    std::snprintf(what, sizeof what, "classifier >= %.2f", threshold);
    alone.Print(what);
    std::snprintf(what, sizeof what, "rules + classifier >= %.2f", threshold);
    both.Print(what);
  }
  // As the default pack has it: each learned rule's own threshold, its share of known words.
  {
    Score shipped;
    int hints = 0;
    for (const Labelled& entry : cases) {
      bool learned = LearnedAsShipped(entry);
      if (entry.document) {
        hints += learned;
      } else {
        shipped.Add(entry.label != "-", entry.rules || learned);
      }
    }
    shipped.Print("as the default pack has it");
    std::printf("%-28s %d hints on postmortem prose\n", "", hints);
  }
  if (!misses_path.empty()) WriteMisses(cases, misses_path);
  // Per category, at the shipped share of known words: what each threshold adds beyond the rules
  // (blameful sentences found, innocent ones flagged, hints on postmortem prose), to set each
  // learned rule's min_probability.
  for (const Rule& rule : Pack().rules) {
    if (!rule.learned) continue;
    for (double threshold : {0.9, 0.95, 0.98, 0.99}) {
      int found = 0;
      int flagged = 0;
      int hints = 0;
      for (const Labelled& entry : cases) {
        if (entry.rules || entry.category != rule.category) continue;
        bool learned = entry.prose && entry.known_words >= Pack().learned_min_known_words &&
                       entry.blame >= threshold && Learnable(entry);
        if (!learned) continue;
        if (entry.document) {
          ++hints;
        } else if (entry.label != "-") {
          ++found;
        } else {
          ++flagged;
        }
      }
      std::printf("%-26s >= %.2f: finds %3d more, flags %3d innocent, %2d postmortem hints\n",
                  rule.id.c_str(), threshold, found, flagged, hints);
    }
  }
  // A rule's finding in a sentence the classifier is all but sure is innocent: a phrase that
  // matched in a reading the rule did not mean.
  for (double threshold : {0.9, 0.95, 0.98}) {
    for (double known : {0.0, 0.8, 0.9}) {
      for (double veto : {0.0, 0.01}) {
        Score score;
        for (const Labelled& entry : cases) {
          bool judged = entry.prose && entry.known_words >= known;
          bool learned = judged && entry.blame >= threshold && Learnable(entry);
          bool kept = entry.rules && !(judged && entry.blame < veto);
          score.Add(entry.label != "-", kept || learned);
        }
        char what[64];
        std::snprintf(what, sizeof what, ">= %.2f, known >= %.1f, veto %.2f", threshold, known,
                      veto);
        score.Print(what);
        // On published postmortems (--documents), every sentence the classifier adds is a false
        // alarm of the kind a reader of real reviews meets.
        int document_sentences = 0;
        int document_alarms = 0;
        for (const Labelled& entry : cases) {
          if (!entry.document) continue;
          ++document_sentences;
          bool judged = entry.prose && entry.known_words >= known;
          document_alarms += judged && entry.blame >= threshold && Learnable(entry);
        }
        if (document_sentences > 0) {
          std::printf("%-28s %d of %d sentences of published postmortems\n", "  ... learned alarms",
                      document_alarms, document_sentences);
        }
      }
    }
  }
}

void ShowReading(const std::string& text) {
  auto classifier = SentenceClassifier::Default();
  if (!classifier) throw std::runtime_error("no model is built in");
  TokenizedText tokens = Tokenize(text);
  CheckOptions options;
  detail::Context context(tokens.tokens(), options);
  for (const SentenceFeatures& sentence : ReadSentenceFeatures(tokens.tokens(), context)) {
    SentenceVerdict verdict = classifier->Classify(sentence.line);
    std::printf("%s blame %.4f %s known %.2f\n  %s\n", sentence.prose ? "prose" : "other",
                verdict.blame, verdict.category.c_str(), verdict.known_words,
                sentence.line.c_str());
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Train the language checker's sentence classifier"};
  std::vector<std::string> inputs;
  std::string output;
  int folds = 0;
  // Chosen by --folds 5 on the tuning files (docs/language.md).
  TrainingSettings settings;
  settings.fasttext =
      "-epoch 50 -lr 0.5 -wordNgrams 2 -dim 50 -minn 0 -maxn 0 -bucket 200000 -thread 1 -seed 7 "
      "-verbose 0";
  settings.cutoff = 20000;
  app.add_option("inputs", inputs, "Labelled sentence files (.tsv)");
  app.add_option("--output", output, "Where to write the model (.ftz)");
  app.add_option("--folds", folds, "Cross-validate over this many parts instead of training");
  app.add_option("--fasttext", settings.fasttext, "fastText training options");
  app.add_option("--cutoff", settings.cutoff,
                 "Words and word pairs the quantised model keeps (0: all of them)");
  app.add_flag("--known-from-model", settings.known_from_model,
               "Cross-validate counting words pruned from the model as unknown");
  bool by_file = false;
  app.add_flag("--by-file", by_file, "Cross-validate with each input file as one part");
  std::string documents;
  std::string judgments;
  app.add_option("--documents", documents,
                 "A folder of published postmortems (.md): their prose is learned as innocent");
  app.add_option("--judgments", judgments,
                 "Findings judged on those documents (bench/lint-judgments.tsv)");
  std::string misses;
  app.add_option("--misses", misses,
                 "With --folds or --by-file: write what the default pack gets wrong to this file");
  std::string show;
  app.add_option("--show", show,
                 "Print how the shipped model reads a text, sentence by sentence, and stop");
  CLI11_PARSE(app, argc, argv);
  if (!show.empty()) {
    ShowReading(show);
    return 0;
  }
  try {
    std::vector<Labelled> cases;
    for (size_t file = 0; file < inputs.size(); ++file) {
      for (Labelled& entry : ReadFile(inputs[file])) {
        entry.file = static_cast<int>(file);
        cases.push_back(std::move(entry));
      }
    }
    size_t documents_used = 0;
    if (!documents.empty()) {
      int file = static_cast<int>(inputs.size());
      for (Labelled& entry : ReadDocuments(documents, judgments)) {
        entry.file += file;
        cases.push_back(std::move(entry));
        ++documents_used;
      }
    }
    auto pack = DefaultRulePack();
    if (!pack) throw std::runtime_error(pack.error().message());
    Checker rules(std::move(*pack), nullptr);
    for (Labelled& entry : cases) {
      if (entry.line.empty()) entry.line = FeatureLine(entry);
      CheckOptions options;
      options.participant_names = entry.participants;
      options.markdown = false;
      entry.rules = !rules.Check(entry.sentence, options).empty();
    }
    std::printf("%zu sentences\n", cases.size());
    if (by_file) folds = static_cast<int>(inputs.size()) + (documents.empty() ? 0 : 2);
    if (folds > 1) {
      CrossValidate(cases, folds, by_file, settings, misses);
      return 0;
    }
    if (output.empty()) throw std::runtime_error("--output or --folds is required");
    std::vector<const Labelled*> all;
    for (const Labelled& entry : cases) all.push_back(&entry);
    Trained trained = Train(all, settings, true);
    trained.model->saveModel(output);
    std::string vocabulary_path =
        std::filesystem::path(output).replace_extension(".vocab").string();
    std::ofstream(vocabulary_path) << trained.vocabulary;
    std::printf("wrote %s (%ju bytes)\n", output.c_str(),
                static_cast<uintmax_t>(std::filesystem::file_size(output)));
    // What it learned from, beside the model: a test compares the labelled files with this
    // list, so that a change to them without training again does not go unnoticed.
    std::string inputs_path = std::filesystem::path(output).replace_extension(".inputs").string();
    std::ofstream list(inputs_path);
    list << "# Trained by tools/train_language_model on these files (name, bytes) with\n"
         << "# " << settings.fasttext << " -cutoff " << settings.cutoff << "\n";
    for (const std::string& path : inputs) {
      list << std::filesystem::path(path).filename().string() << '\t'
           << std::filesystem::file_size(path) << '\n';
    }
    if (!documents.empty()) {
      list << "# and the published postmortems of " << documents << " (" << documents_used
           << " sentences), when present\n";
    }
    return 0;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "train_language_model: %s\n", error.what());
    return 1;
  }
}
