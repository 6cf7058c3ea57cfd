// What a report adds to a results folder, by name: the commands that replace
// a folder's results drop these, made from the results that are gone.
export const REPORT_FILE = "report.html";
export const CHARTS_DIR = "charts";
