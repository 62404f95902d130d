# Hugging Face: the schedule the Trainer builds from TrainingArguments, and a manual loop.
import torch
from transformers import TrainingArguments, get_scheduler

args = TrainingArguments(
    output_dir="out",
    learning_rate=5e-5,
    lr_scheduler_type="cosine",
    warmup_steps=0.1,
    max_steps=1000,
)

model = torch.nn.Linear(4, 2)
optimizer = torch.optim.AdamW(model.parameters(), lr=5e-5)
lr_scheduler = get_scheduler("linear", optimizer, num_warmup_steps=100, num_training_steps=1000)
