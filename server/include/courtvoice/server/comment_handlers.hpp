#pragma once
// GET /api/v1/admin/surveys/{id}/comments: parses the query, asks CommentService, replies.
#include "courtvoice/server/comment_service.hpp"
#include "courtvoice/server/router.hpp"

namespace courtvoice::server {

class CommentsHandler final : public Handler {
 public:
  explicit CommentsHandler(CommentService& service) : service_(service) {}
  void handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&, const PathParams&) override;

 private:
  CommentService& service_;
};

}  // namespace courtvoice::server
