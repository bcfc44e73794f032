#include "courtvoice/server/paper_responses_csv.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "courtvoice/server/csv.hpp"
#include "courtvoice/surveys/errors.hpp"
#include "courtvoice/surveys/json_text.hpp"
#include "courtvoice/surveys/response_json.hpp"
#include "courtvoice/surveys/response_validation.hpp"

namespace courtvoice::server {

using surveys::Answer;
using surveys::DomainError;
using surveys::Item;
using surveys::ItemType;
using surveys::Response;
using surveys::ValidationError;

namespace {

constexpr std::size_t kMaxCourtCodeLength = 32;

std::string upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return text;
}

std::optional<surveys::NonAnswer> nonAnswerCode(const std::string& cell) {
  const std::string code = upper(cell);
  if (code == "NA") return surveys::NonAnswer::NotApplicable;
  if (code == "DK") return surveys::NonAnswer::DontKnow;
  if (code == "NO") return surveys::NonAnswer::NoOpinion;
  return std::nullopt;
}

std::optional<int> wholeNumber(std::string_view text) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

// "2.5" or, as spreadsheets with a Russian or Kazakh locale write it, "2,5".
std::optional<double> decimal(std::string text) {
  if (text.find('.') == std::string::npos && std::count(text.begin(), text.end(), ',') == 1) {
    text[text.find(',')] = '.';
  }
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

// YYYY-MM-DD, or DD.MM.YYYY as spreadsheets in Kazakhstan display (and save) dates.
std::optional<surveys::Date> parseDay(const std::string& text) {
  if (text.size() == 10 && text[2] == '.' && text[5] == '.') {
    return surveys::Date::parse(text.substr(6, 4) + "-" + text.substr(3, 2) + "-" + text.substr(0, 2));
  }
  return surveys::Date::parse(text);
}

std::string withoutCarriageReturns(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\r' || i + 1 >= text.size() || text[i + 1] != '\n') out += text[i];
  }
  return out;
}

/// Reads the cell of one item into `answer`; returns a problem message when it cannot.
std::optional<std::string> readCell(const Item& item, const std::string& cell, const surveys::ResponseLimits& limits,
                                    Answer& answer) {
  if (item.type == ItemType::Text) {  // a comment may well say "no": text is always text
    answer.text = withoutCarriageReturns(cell);
    return std::nullopt;
  }
  if (auto nonAnswer = nonAnswerCode(cell)) {
    answer.nonAnswer = *nonAnswer;
    return std::nullopt;
  }
  switch (item.type) {
    case ItemType::MultipleChoice: {
      std::size_t start = 0;
      while (start <= cell.size()) {
        const std::size_t end = std::min(cell.find(';', start), cell.size());
        const auto code = wholeNumber(trimCsv(std::string_view(cell).substr(start, end - start)));
        if (!code) return "\"" + surveys::printableText(cell) + "\" is not a list of option codes separated by ';'";
        answer.codes.push_back(*code);
        if (answer.codes.size() > limits.maxChoices) {
          return "at most " + std::to_string(limits.maxChoices) + " choices are allowed";
        }
        start = end + 1;
      }
      return std::nullopt;
    }
    case ItemType::Number:
      if (auto number = decimal(cell)) {
        answer.number = *number;
        return std::nullopt;
      }
      return "\"" + surveys::printableText(cell) + "\" is not a number: write it like 2.5, or NA, DK, NO, or leave the cell empty";
    default:
      if (auto code = wholeNumber(cell)) {
        answer.code = *code;
        return std::nullopt;
      }
      return "\"" + surveys::printableText(cell) + "\" is not a whole number: write the code, or NA, DK, NO, or leave the cell empty";
  }
}

class PaperResponseReader {
 public:
  PaperResponseReader(const surveys::SurveyDefinition& def, const PaperResponseRules& rules,
                      std::map<std::string, std::size_t> columns)
      : def_(def), rules_(rules), columns_(std::move(columns)) {
    for (const auto& [name, position] : columns_) {
      if (const Item* item = def_.findItem(name)) items_.push_back({position, item});
    }
    std::sort(items_.begin(), items_.end(), [](const ItemColumn& a, const ItemColumn& b) { return a.position < b.position; });
  }

  /// The response on `record`, with its problems appended to `found`.
  Response read(const CsvRecord& record, std::vector<ValidationError>& found) {
    const auto cell = [&](const std::string& column) { return trimCsv(record.fields[columns_.at(column)]); };
    const auto problem = [&](const std::string& code, const std::string& message, const std::string& column) {
      found.push_back({code, message, csvPlace(record.line, column)});
    };
    Response response;
    response.surveyId = def_.id;
    response.version = def_.version;
    response.channel = surveys::Channel::Paper;

    response.submissionId = cell("submission_id");
    const auto& id = response.submissionId;
    if (id.empty()) {
      problem("required", "every form needs a submission_id", "submission_id");
    } else if (!surveys::isValidSubmissionId(id, rules_.limits.maxIdLength)) {
      problem("invalid_format",
              "submission_id must be " + std::to_string(surveys::kMinSubmissionIdLength) + " to " +
                  std::to_string(rules_.limits.maxIdLength) + " of A-Z, a-z, 0-9, _ and -",
              "submission_id");
    } else if (const auto [first, isNew] = firstLine_.emplace(id, record.line); !isNew) {
      problem("duplicate_submission", "submission_id " + id + " is also on line " + std::to_string(first->second),
              "submission_id");
    }

    response.courtCode = cell("court");
    if (response.courtCode.empty()) {
      problem("required", "the court is missing", "court");
    } else if (response.courtCode.size() > kMaxCourtCodeLength || !rules_.courts.contains(response.courtCode)) {
      problem("unknown_court", "no court \"" + surveys::printableText(response.courtCode.substr(0, kMaxCourtCodeLength)) + "\" in the registry",
              "court");
    }

    const std::string date = cell("date");
    if (date.empty()) {
      problem("required", "the date of the form is missing", "date");
    } else if (auto day = parseDay(date)) {
      response.givenOn = *day;
      if (*day > rules_.today) {
        problem("out_of_range", "the date " + day->toString() + " is after today (" + rules_.today.toString() + ")", "date");
      }
    } else {
      problem("invalid_format", "\"" + surveys::printableText(date) + "\" is not an existing day written YYYY-MM-DD or DD.MM.YYYY", "date");
    }

    response.language = cell("language");
    if (response.language.empty()) problem("required", "the language of the form is missing", "language");

    std::map<std::string, std::string> cells;  // item id -> cell, to quote it next to a problem
    std::set<std::string> unreadable;          // reported once, not again as "required"
    for (const auto& [position, item] : items_) {
      const std::string value = trimCsv(record.fields[position]);
      if (value.empty()) continue;  // skipped
      cells[item->id] = value;
      Answer answer;
      answer.itemId = item->id;
      if (auto message = readCell(*item, value, rules_.limits, answer)) {
        problem("invalid_value", *message, item->id);
        unreadable.insert(item->id);
      } else {
        response.answers.push_back(std::move(answer));
      }
    }
    // The API's rules: range, options, allowed non-answers, required and hidden items, language.
    for (const auto& error : surveys::validateResponse(def_, response)) {
      if (response.language.empty() && error.field == "language") continue;  // reported above
      const std::string prefix = "answers.";
      // "answers" (empty_response) is the whole line: "line 7: the response answers no question ...".
      const std::string column = error.field == "answers"              ? ""
                                 : error.field.rfind(prefix, 0) == 0 ? error.field.substr(prefix.size())
                                                                     : error.field;
      if (unreadable.contains(column)) continue;
      if (error.code == "empty_response" && !unreadable.empty()) continue;  // the form did answer, unreadably
      const auto value = cells.find(column);
      problem(error.code,
              value == cells.end() || error.code == "required" ? error.message
                                                               : error.message + " (the cell holds \"" + surveys::printableText(value->second) + "\")",
              column);
    }
    return response;
  }

 private:
  struct ItemColumn {
    std::size_t position;
    const Item* item;
  };

  const surveys::SurveyDefinition& def_;
  const PaperResponseRules& rules_;
  std::map<std::string, std::size_t> columns_;
  std::vector<ItemColumn> items_;
  std::map<std::string, std::size_t> firstLine_;  // submission_id -> line where it first appears
};

}  // namespace

std::vector<Response> parsePaperResponsesCsv(const std::string& text, const surveys::SurveyDefinition& def,
                                             const PaperResponseRules& rules, const CsvProgress& progress,
                                             std::size_t progressEvery) {
  const std::vector<CsvRecord> records = parseCsv(text);
  if (records.empty()) throw DomainError({{"empty", "the file has no header line", csvPlace(1)}});

  std::vector<std::string> known = kPaperResponseColumns;
  std::vector<std::string> required = kPaperResponseColumns;
  for (const Item& item : def.items) {
    known.push_back(item.id);
    // Without its column every line would fail; say it once.
    if (item.required && !item.showIf) required.push_back(item.id);
  }
  std::vector<ValidationError> errors;
  auto columns = readCsvHeader(records[0], known, required, errors);
  if (!errors.empty()) throw DomainError(std::move(errors));

  PaperResponseReader reader(def, rules, std::move(columns));
  const std::size_t total = records.size() - 1;
  std::vector<Response> responses;
  responses.reserve(total);
  for (std::size_t r = 1; r < records.size() && errors.size() <= kMaxCsvErrors; ++r) {
    if (checkCsvWidth(records[r], records[0].fields.size(), errors)) {
      std::vector<ValidationError> found;
      responses.push_back(reader.read(records[r], found));
      for (auto& error : found) {
        if (!addCsvError(errors, std::move(error))) throw DomainError(std::move(errors));
      }
    }
    if (progress && progressEvery > 0 && (r % progressEvery == 0 || r == total)) progress(r, total);
  }
  if (!errors.empty()) throw DomainError(std::move(errors));
  return responses;
}

}  // namespace courtvoice::server
