# Writes SQL for answers_key_bench.sh: the same 100,000 responses x 10 answers (1,000,000 answer
# rows) for one layout of `answers`, in transactions of 100 responses (one multi-row INSERT per
# table), taking the sequence counter in each transaction as the store does.
import os, sys, random
variant = sys.argv[1]  # random | seq | seq_keep_id | seq_keep_id_sorted
random.seed(7)
items = ["access_find","access_signs","fair_listened","fair_explained","staff_polite","overall","recommend","role","visits","comment"]
out = sys.stdout
N, B = 100000, 100
cols = {"random": "(response_id, item_id, seq, code)",
        "seq": "(response_seq, item_id, seq, code)",
        "seq_keep_id": "(response_seq, response_id, item_id, seq, code)",
        "seq_keep_id_sorted": "(response_seq, response_id, item_id, seq, code)"}[variant]
if variant == "seq_keep_id_sorted":
    items = sorted(items)
out.write("SET autocommit=0;\n")
seq = 0
for b in range(N // B):
    out.write("UPDATE sequences SET value = LAST_INSERT_ID(value + %d) WHERE name = 'responses';\n" % B)
    rs, ans = [], []
    for i in range(B):
        seq += 1
        rid = os.urandom(16).hex()
        sub = os.urandom(12).hex()
        rs.append("('%s','%s','court_user',1,'ALM-01','web','ru','2025-03-%02d',%d)" % (rid, sub, 1 + seq % 28, seq))
        for it in items:
            c = random.randint(1, 5)
            if variant == "random":
                ans.append("('%s','%s',0,%d)" % (rid, it, c))
            elif variant == "seq":
                ans.append("(%d,'%s',0,%d)" % (seq, it, c))
            else:
                ans.append("(%d,'%s','%s',0,%d)" % (seq, rid, it, c))
    out.write("INSERT INTO responses (id, submission_id, survey_id, version, court_code, channel, language, given_on, seq) VALUES " + ",".join(rs) + ";\n")
    out.write("INSERT INTO answers " + cols + " VALUES " + ",".join(ans) + ";\nCOMMIT;\n")
