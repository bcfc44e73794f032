// The comment search's case folding and the comment parameters' checks (no database).
#include <gtest/gtest.h>

#include "courtvoice/server/comment_service.hpp"
#include "courtvoice/surveys/errors.hpp"

namespace courtvoice::server {
namespace {

TEST(CommentSearch, FoldsCyrillicKazakhAndLatinCaseAndYo) {
  EXPECT_EQ(foldForSearch("ОЧЕРЕДЬ Queue"), "очередь queue");
  EXPECT_EQ(foldForSearch("ҰЗАҚ ӘДІЛ ҚҰҚЫҚ ҒҮӨҢҺ"), "ұзақ әділ құқық ғүөңһ");
  EXPECT_EQ(foldForSearch("Ёлка ёж"), "елка еж");
}

std::string hundredAndOne() { return std::string(101, 'a'); }

std::string fieldOf(const std::function<void()>& call) {
  try {
    call();
  } catch (const surveys::DomainError& e) {
    return e.field();
  }
  return "";
}

TEST(CommentParams, DefaultsAndLimits) {
  CommentsRequest request;
  addCommentParams(request, std::string("  суд  "), std::nullopt, {}, std::nullopt, std::nullopt);
  EXPECT_EQ(request.search, "суд");
  EXPECT_EQ(request.page, 1);
  EXPECT_EQ(request.pageSize, 50);
  CommentsRequest paged;
  addCommentParams(paged, std::nullopt, std::string("fair"), {"1", "2"}, std::string("3"), std::string("50"));
  EXPECT_EQ(paged.scores, (std::vector<int>{1, 2}));
  EXPECT_EQ(paged.page, 3);
  // 100 Cyrillic letters (200 bytes) are allowed: the limit counts characters.
  std::string hundred;
  for (int i = 0; i < 100; ++i) hundred += "ж";
  CommentsRequest longest;
  addCommentParams(longest, hundred, std::nullopt, {}, std::nullopt, std::nullopt);
  EXPECT_EQ(longest.search, hundred);
}

TEST(CommentParams, BadValuesNameTheirField) {
  EXPECT_EQ(fieldOf([] { CommentsRequest r; addCommentParams(r, hundredAndOne(), std::nullopt, {}, std::nullopt, std::nullopt); }), "q");
  EXPECT_EQ(fieldOf([] { CommentsRequest r; addCommentParams(r, std::string("\xC3"), std::nullopt, {}, std::nullopt, std::nullopt); }), "q");
  EXPECT_EQ(fieldOf([] { CommentsRequest r; addCommentParams(r, std::nullopt, std::string("x"), {}, std::nullopt, std::nullopt); }), "score");
  EXPECT_EQ(fieldOf([] { CommentsRequest r; addCommentParams(r, std::nullopt, std::nullopt, {"1"}, std::nullopt, std::nullopt); }), "item");
  EXPECT_EQ(fieldOf([] { CommentsRequest r; addCommentParams(r, std::nullopt, std::string("x"), {"1.5"}, std::nullopt, std::nullopt); }), "score");
  EXPECT_EQ(fieldOf([] { CommentsRequest r; addCommentParams(r, std::nullopt, std::nullopt, {}, std::string("-1"), std::nullopt); }), "page");
  EXPECT_EQ(fieldOf([] { CommentsRequest r; addCommentParams(r, std::nullopt, std::nullopt, {}, std::nullopt, std::string("0")); }), "page_size");
  EXPECT_EQ(fieldOf([] { CommentsRequest r; addCommentParams(r, std::nullopt, std::nullopt, {}, std::nullopt, std::string("51")); }), "page_size");
}

}  // namespace
}  // namespace courtvoice::server
