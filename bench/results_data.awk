# Synthetic, seeded data for bench/results: the court registry and paper-response CSV files for
# the shipped 25-item first edition surveys/templates/v1/court_user.json (docs/api.md, "Paper responses
# CSV"). Plain POSIX awk (Debian's mawk or gawk) with its own Park-Miller generator, so the same
# seed gives the same files with any awk, and response i is the same whatever chunk it is in.
#
#   awk -v mode=courts    -v courts=200 -v regions=8 -f results_data.awk
#   awk -v mode=responses -v courts=200 -v regions=8 -v seed=6 -v first=0 -v count=50000 -f results_data.awk
#
# What the data looks like (so that group sizes and answers resemble a real survey):
# - courts: `regions` regions from the registry's list, one regional court per region, the rest
#   district or specialised; each court has a size (log-normal: busy city courts, quiet rural ones)
#   and a quality (normal), both fixed by the seed. Response i < courts goes to court i, so every
#   court has responses; the others are drawn by size.
# - days: 2023-01-01 .. 2025-12-31 (3 whole years: 36 months, 12 quarters, 2024 is the middle
#   year); weekdays busy, Saturdays quiet, Sundays nearly empty; use grows by ~60% over the years.
# - a respondent has a satisfaction level (court quality + a small improvement over time + person);
#   each 5-point item is that plus item noise, so answers lean to 4 and correlate within a form.
# - non-answers: NA/DK/NO where the item allows them (6%, 4%, 3%), 2% of cells skipped, and 5% of
#   forms abandoned part way (the rest of the form skipped); the first question (role) is always
#   answered, so that no form is empty (refused: empty_response). Fairness items only when appeared=1
#   (show_if), empty otherwise. 8% leave a short comment. Languages ru 58%, kk 38%, en 4%.
BEGIN {
  M = 2147483647
  if (seed == "") seed = 6
  if (courts == "") courts = 200
  if (regions == "") regions = 8
  split("astana almaty_city shymkent karaganda turkistan east_kazakhstan akmola pavlodar aktobe kostanay", regionCode, " ")
  split("AST ALA SHY KAR TUR EKZ AKM PAV AKT KOS", regionTag, " ")
  if (regions > 10) regions = 10
  setupCourts()
  if (mode == "courts") { printCourts(); exit 0 }
  if (mode != "responses") { print "results_data.awk: mode must be courts or responses" > "/dev/stderr"; exit 2 }
  setupDays()
  split("access_find access_find_room access_signs access_info_clear access_safe access_barriers access_waiting access_hours access_online staff_courtesy staff_helpful", accessItem, " ")
  split("NONE NA NONE NA NONE NA NONE NONE NA NA NA", accessNa, " ")  # the non-answer each allows
  split("Спасибо за помощь|Долго ждали в коридоре|Рахмет|Мало мест для ожидания|Всё понятно объяснили|Thank you|Нужна парковка|Сайт работает медленно", comments, "|")
  printf "submission_id,court,date,language,role,case_type,visit_frequency,reasons"
  for (k = 1; k <= 11; k++) printf ",%s", accessItem[k]
  print ",appeared,fair_handled,fair_listened,fair_equal,fair_understood,hearing_on_time,confidence,overall,recommend,comment"
  for (i = first; i < first + count; i++) printResponse(i)
}

# Park-Miller "minimal standard" generator: every product stays below 2^53, so it is exact in awk's doubles.
function reseed(s,   k) { x = (s % (M - 1)) + 1; for (k = 0; k < 4; k++) x = (x * 48271) % M }
function u() { x = (x * 48271) % M; return x / M }
function normal(   a, b) { a = u(); b = u(); return sqrt(-2 * log(a)) * cos(6.283185307179586 * b) }
function clamp(v, lo, hi) { v = int(v + (v < 0 ? -0.5 : 0.5)); return v < lo ? lo : (v > hi ? hi : v) }
function pick(cum, n, r,   lo, hi, mid) {  # the first index whose cumulative weight exceeds r
  lo = 1; hi = n
  while (lo < hi) { mid = int((lo + hi) / 2); if (cum[mid] > r) hi = mid; else lo = mid + 1 }
  return lo
}

function setupCourts(   c, r, total) {
  reseed(seed * 7919 + 17)
  total = 0
  for (c = 1; c <= courts; c++) {
    r = ((c - 1) % regions) + 1
    courtRegion[c] = r
    courtLevel[c] = (c <= regions) ? "regional" : (u() < 0.15 ? "specialised" : "district")
    courtCode[c] = sprintf("B-%s-%03d", regionTag[r], c)
    courtQuality[c] = 0.35 * normal()
    total += exp(0.8 * normal())
    courtCum[c] = total
  }
  courtTotal = total
}

function printCourts(   c) {
  print "code,name_kk,name_ru,name_en,region,level,active"
  for (c = 1; c <= courts; c++) {
    printf "%s,Бенч соты %03d,Тестовый суд %03d,Bench court %03d,%s,%s,true\n", courtCode[c], c, c, c,
           regionCode[courtRegion[c]], courtLevel[c]
  }
}

function setupDays(   y, m, d, dim, wd, n, w, total) {
  split("31 28 31 30 31 30 31 31 30 31 30 31", dim, " ")
  n = 0; total = 0
  wd = 0  # 2023-01-01 was a Sunday: 0 Sunday .. 6 Saturday
  for (y = 2023; y <= 2025; y++) {
    dim[2] = (y % 4 == 0) ? 29 : 28
    for (m = 1; m <= 12; m++) {
      for (d = 1; d <= dim[m]; d++) {
        n++
        dayText[n] = sprintf("%04d-%02d-%02d", y, m, d)
        w = (wd == 0) ? 0.05 : (wd == 6 ? 0.15 : 1)
        total += w * (0.8 + 0.5 * n / 1096)
        dayCum[n] = total
        wd = (wd + 1) % 7
      }
    }
  }
  days = n
  dayTotal = total
}

# One form. `stop`: the item number after which an abandoned form is left empty.
function cell(pos, text) { return (pos > stop || u() < 0.02) ? "" : text }
function scaleCell(pos, level, na, lo, hi,   r) {
  if (pos > stop || u() < 0.02) return ""
  r = u()
  if (na == "NA" && r < 0.06) return "NA"
  if (na == "DK" && r < 0.04) return "DK"
  if (na == "NADK" && r < 0.04) return "NA"
  if (na == "NADK" && r < 0.07) return "DK"
  if (na == "NO" && r < 0.03) return "NO"
  return clamp(level + 0.7 * normal(), lo, hi)
}
function printResponse(i,   c, day, t, level, line, r, role, caseType, k, n, chosen, reasons, appeared, fair) {
  reseed(seed * 1000003 + i * 7919 + 1)
  c = (i < courts) ? i + 1 : pick(courtCum, courts, u() * courtTotal)
  day = pick(dayCum, days, u() * dayTotal)
  t = day / days
  level = 3.7 + courtQuality[c] + 0.25 * t + 0.75 * normal()
  stop = (u() < 0.05) ? int(u() * 25) : 99
  r = u()
  line = sprintf("bench-%d-%07d,%s,%s,%s", seed, i, courtCode[c], dayText[day], r < 0.58 ? "ru" : (r < 0.96 ? "kk" : "en"))
  r = u()
  role = r < 0.35 ? 1 : r < 0.55 ? 2 : r < 0.65 ? 3 : r < 0.85 ? 4 : r < 0.92 ? 5 : r < 0.97 ? 6 : 7
  # The first question is always answered, so no form is empty (an empty form is refused,
  # empty_response); cell() is still called so every later draw stays as it was.
  k = cell(1, role)
  line = line "," role
  r = u()
  caseType = r < 0.05 ? "NA" : r < 0.08 ? "DK" : r < 0.50 ? 1 : r < 0.80 ? 2 : r < 0.93 ? 3 : 4
  line = line "," cell(2, caseType)
  r = u()
  line = line "," cell(3, r < 0.45 ? 1 : r < 0.80 ? 2 : 3)
  n = 1 + int(u() * u() * 3)  # 1 to 3 reasons, mostly 1
  reasons = ""
  for (k = 1; k <= 6; k++) chosen[k] = 0
  for (k = 0; k < n; k++) chosen[1 + int(u() * 6)] = 1
  for (k = 1; k <= 6; k++) if (chosen[k]) reasons = reasons (reasons == "" ? "" : ";") k
  line = line "," cell(4, reasons)
  for (k = 1; k <= 11; k++) line = line "," scaleCell(4 + k, level, accessNa[k], 1, 5)
  appeared = cell(16, (role <= 3 && u() < 0.85) || u() < 0.1 ? 1 : 2)
  line = line "," appeared
  if (appeared == 1) {
    fair = level - 0.1 + 0.3 * normal()  # those who won say it was fair; those who lost, less so
    line = line "," scaleCell(17, fair, "NADK", 1, 5) "," scaleCell(18, fair, "NA", 1, 5) "," scaleCell(19, fair, "NADK", 1, 5)
    line = line "," scaleCell(20, fair, "NA", 1, 5) "," scaleCell(21, level - 0.4, "DK", 1, 5)
  } else {
    line = line ",,,,,"
  }
  line = line "," scaleCell(22, level - 0.2, "NONE", 1, 5) "," scaleCell(23, level, "NO", 1, 5)
  line = line "," scaleCell(24, 2.4 * level - 2, "NONE", 0, 10)
  line = line "," ((stop > 25 && u() < 0.08) ? comments[1 + int(u() * 8)] : "")
  print line
}
