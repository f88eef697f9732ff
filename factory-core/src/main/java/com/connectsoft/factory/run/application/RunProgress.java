package com.connectsoft.factory.run.application;

/** Where a run reports what it is doing, stage by stage and module by module. */
public interface RunProgress {
    void stage(String stage, String status, long millis, String detail);

    void module(String stage, String module, String detail);

    RunProgress SILENT = new RunProgress() {
        @Override
        public void stage(String stage, String status, long millis, String detail) {
        }

        @Override
        public void module(String stage, String module, String detail) {
        }
    };
}
