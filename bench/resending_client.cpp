// A load client that behaves as a kiosk should: each form gets a submission_id once, and a form
// that was not acknowledged (connection refused or cut, 503, timeout) is resent with the same id
// until it is. Used by bench/kill_under_load.sh while the server and MariaDB are killed.
// Usage: bench_resending_client PORT THREADS LOAD_SECONDS DEADLINE_SECONDS ACKED_FILE TAG
// Writes "submission_id<TAB>response_id" per acknowledged form; prints counts.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <deque>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

namespace {

using Clock = std::chrono::steady_clock;

std::string bodyOf(const std::string& sid, int counter) {
  static const char* courts[] = {"AST-ESL", "AST-SAR", "ALA-MED", "ALA-ALM", "SHY-ALF", "KAR-KAZ"};
  const int a = counter % 5 + 1;
  std::ostringstream out;
  out << R"({"submission_id":")" << sid << R"(","court":")" << courts[counter % 6]
      << R"(","channel":"kiosk","language":"ru","answers":{"role":1,"case_type":1,"visit_frequency":2,"reasons":[1,3],)"
      << R"("access_find":)" << a << R"(,"access_find_room":4,"access_signs":)" << a
      << R"(,"access_info_clear":{"non_answer":"not_applicable"},"access_safe":5,"access_waiting":3,"access_hours":4,)"
      << R"("staff_courtesy":)" << a << R"(,"staff_helpful":4,"appeared":1,"fair_handled":4,"fair_listened":)" << a
      << R"(,"fair_equal":5,"fair_understood":4,"hearing_on_time":3,"confidence":4,"overall":)" << a
      << R"(,"recommend":)" << counter % 11 << R"(,"comment":"fault test"}})";
  return out.str();
}

struct Form {
  std::string sid;
  std::string body;
};

struct Totals {
  std::atomic<long> forms{0}, acknowledged{0}, created{0}, duplicates{0}, resends{0}, connectionErrors{0},
      unavailable{0}, otherStatus{0};
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 7) {
    std::fprintf(stderr, "usage: %s PORT THREADS LOAD_SECONDS DEADLINE_SECONDS ACKED_FILE TAG\n", argv[0]);
    return 64;
  }
  const auto port = static_cast<Poco::UInt16>(std::stoi(argv[1]));
  const int threads = std::stoi(argv[2]);
  const auto loadEnd = Clock::now() + std::chrono::seconds(std::stoi(argv[3]));
  const auto deadline = Clock::now() + std::chrono::seconds(std::stoi(argv[4]));
  const std::string tag = argv[6];
  std::ofstream acked(argv[5]);
  std::mutex ackedMutex;
  Totals totals;
  std::atomic<long> unacknowledgedAtDeadline{0};

  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      std::unique_ptr<Poco::Net::HTTPClientSession> session;
      std::deque<Form> pending;  // not acknowledged yet: resent first
      int counter = 0;
      while (Clock::now() < deadline) {
        Form form;
        bool resend = false;
        if (!pending.empty()) {
          form = pending.front();
          pending.pop_front();
          resend = true;
          ++totals.resends;
        } else if (Clock::now() < loadEnd) {
          form.sid = "fault-" + tag + "-" + std::to_string(t) + "-" + std::to_string(counter);
          form.body = bodyOf(form.sid, counter++);
          ++totals.forms;
        } else {
          break;  // everything acknowledged and no new forms
        }
        int status = 0;
        std::string reply;
        try {
          if (!session) {
            session = std::make_unique<Poco::Net::HTTPClientSession>("127.0.0.1", port);
            session->setTimeout(Poco::Timespan(15, 0));
          }
          Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, "/api/v1/surveys/court_user/responses",
                                         Poco::Net::HTTPMessage::HTTP_1_1);
          request.setContentType("application/json");
          request.setContentLength(static_cast<std::streamsize>(form.body.size()));
          session->sendRequest(request) << form.body;
          Poco::Net::HTTPResponse response;
          std::istream& in = session->receiveResponse(response);
          Poco::StreamCopier::copyToString(in, reply);
          status = static_cast<int>(response.getStatus());
        } catch (const Poco::Exception&) {
          session.reset();  // refused, reset or timed out: a new connection next time
          ++totals.connectionErrors;
        }
        if (status == 201 || status == 200) {
          const auto at = reply.find("\"response_id\"");
          const auto open = reply.find('"', reply.find(':', at) + 1);
          const std::string id = reply.substr(open + 1, reply.find('"', open + 1) - open - 1);
          ++totals.acknowledged;
          ++(status == 201 ? totals.created : totals.duplicates);
          std::lock_guard lock(ackedMutex);
          acked << form.sid << '\t' << id << '\n';
          continue;
        }
        if (status == 503) ++totals.unavailable;
        else if (status != 0) ++totals.otherStatus;
        if (status != 0 && status != 503) {
          std::fprintf(stderr, "unexpected %d for %s: %s\n", status, form.sid.c_str(), reply.c_str());
          continue;  // a refusal on the merits is not resent
        }
        pending.push_back(std::move(form));
        if (resend || status == 503 || status == 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
      unacknowledgedAtDeadline += static_cast<long>(pending.size());
    });
  }
  for (auto& worker : workers) worker.join();
  acked.flush();
  std::printf("forms %ld\nacknowledged %ld\ncreated_201 %ld\nduplicate_200 %ld\nresends %ld\nconnection_errors %ld\n"
              "unavailable_503 %ld\nother_status %ld\nunacknowledged_at_deadline %ld\n",
              totals.forms.load(), totals.acknowledged.load(), totals.created.load(), totals.duplicates.load(),
              totals.resends.load(), totals.connectionErrors.load(), totals.unavailable.load(),
              totals.otherStatus.load(), unacknowledgedAtDeadline.load());
  return unacknowledgedAtDeadline.load() == 0 && totals.otherStatus.load() == 0 ? 0 : 1;
}
